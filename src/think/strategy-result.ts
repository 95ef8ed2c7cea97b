/** @module Builds a StrategyResult from the chosen candidate, the same way for every strategy. */
import type { StopLimit, StrategyContext, StrategyResult } from '../spec/index.js';
import type { Candidate } from './candidate.js';

/** The stop limit that ended a loop: the context's, or null when the strategy finished by itself. */
export function stopReason(context: StrategyContext, finished: boolean): StopLimit | null {
  return finished ? null : context.stopped();
}

/** Result for `winner` (or an empty answer when there is none) after drawing `samples` samples. */
export function buildResult(options: {
  winner: Candidate | undefined;
  samples: number;
  stoppedBy: StopLimit | null;
  reasoning?: string;
  details?: Record<string, unknown>;
}): StrategyResult {
  const { winner, stoppedBy } = options;
  let finishReason: StrategyResult['finishReason'] = 'stop';
  if (stoppedBy === 'abort') finishReason = 'abort';
  else if (stoppedBy !== null || winner?.finishReason === 'length' || !winner) finishReason = 'length';
  const result: StrategyResult = {
    text: winner?.text ?? '',
    // An answer the answer key gives no vote (a Countdown expression over numbers not given) is no answer at all.
    answer: winner?.key === undefined ? undefined : winner.answer,
    reasoning: options.reasoning ?? winner?.reasoning ?? '',
    finishReason,
    stoppedBy,
    samples: options.samples,
  };
  if (options.details) result.details = options.details;
  return result;
}

/** The best candidate by confidence when there is no vote (earliest on ties), preferring ones with an answer. */
export function mostConfident(candidates: readonly Candidate[]): Candidate | undefined {
  const answered = candidates.filter((candidate) => candidate.answer !== undefined);
  const pool = answered.length > 0 ? answered : candidates;
  return pool.reduce<Candidate | undefined>(
    (best, candidate) => (!best || (candidate.confidence ?? 0) > (best.confidence ?? 0) ? candidate : best),
    undefined,
  );
}
