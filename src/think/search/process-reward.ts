/** @module Rewards of search: which process verifier scores partial chains; scoring a chain or a finished candidate with a `score` event. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Problem, Score, StrategyContext, Verifier } from '../../spec/index.js';
import { createVerifier, resolveBuiltInTask } from '../../verify/index.js';
import { stringOption } from '../strategy-options.js';

/** Names accepted by the `processVerifier` option. */
export const PROCESS_VERIFIER_NAMES = ['auto', 'steps', 'learned-steps', 'none'] as const;

/**
 * The process verifier for partial chains: the context's verifier when it is a process verifier; else, by the
 * `processVerifier` option: `auto` (default) = `steps`, the exact line checker, when the problem's task is known;
 * `learned-steps` = the model's learned check role (the embedded model); `none`; undefined when none applies.
 */
export function resolveProcessVerifier(problem: Problem, context: StrategyContext): Verifier | undefined {
  if (context.verifier?.kind === 'process') return context.verifier;
  const choice = stringOption(context.options, 'processVerifier', 'auto');
  if (!(PROCESS_VERIFIER_NAMES as readonly string[]).includes(choice)) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown process verifier '${choice}'`, {
      hint: `Use one of: ${PROCESS_VERIFIER_NAMES.join(', ')}.`,
      param: 'options.processVerifier',
    });
  }
  if (choice === 'none') return undefined;
  if (choice === 'learned-steps') return createVerifier('learned-steps', { model: context.model });
  if (choice === 'steps' || resolveBuiltInTask(problem) !== undefined) return createVerifier('steps');
  return undefined;
}

/** A chain's process score in [0, 1] with the lines the verifier flagged wrong. */
export interface ChainScore {
  value: number;
  wrongLines: string[];
  evidence: string | undefined;
}

/** Scores the thinking `lines` (and the answer text, if any) with `verifier`, emitting a `score` event on `thoughtId`. */
export async function scoreChain(
  problem: Problem,
  context: StrategyContext,
  verifier: Verifier,
  chain: { lines: readonly string[]; text?: string; answer?: string | undefined; thoughtId: string },
): Promise<ChainScore> {
  const reasoning = chain.lines.join('\n');
  const score: Score = await verifier.score(
    problem,
    { text: chain.text ?? '', answer: chain.answer, reasoning },
    { signal: context.signal },
  );
  const value = Number.isFinite(score.value) ? Math.min(1, Math.max(0, score.value)) : 0;
  context.emit({
    type: 'score',
    id: chain.thoughtId,
    verifier: verifier.name,
    value,
    ...(score.evidence === undefined ? {} : { evidence: score.evidence }),
  });
  const wrongLines = (score.issues ?? []).filter((issue) => issue.code === 'wrong-step').map((issue) => issue.message);
  return { value, wrongLines, evidence: score.evidence };
}

/** Scores a finished candidate with an outcome verifier, clamped to [0, 1], emitting a `score` event on its thought. */
export async function scoreOutcome(
  problem: Problem,
  context: StrategyContext,
  verifier: Verifier,
  candidate: { text: string; answer: string | undefined; reasoning: string; thoughtId: string },
): Promise<number> {
  const score = await verifier.score(
    problem,
    { text: candidate.text, answer: candidate.answer, reasoning: candidate.reasoning },
    { signal: context.signal },
  );
  const value = Number.isFinite(score.value) ? Math.min(1, Math.max(0, score.value)) : 0;
  context.emit({
    type: 'score',
    id: candidate.thoughtId,
    verifier: verifier.name,
    value,
    ...(score.evidence === undefined ? {} : { evidence: score.evidence }),
  });
  return value;
}
