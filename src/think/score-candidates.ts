/** @module Scores candidates with the context's verifier and emits a `score` event for each. */
import type { Problem, StrategyContext, Verifier } from '../spec/index.js';
import type { Candidate } from './candidate.js';

/** Sets `candidate.score` for each candidate not yet scored; does nothing without a verifier. */
export async function scoreCandidates(problem: Problem, context: StrategyContext, candidates: readonly Candidate[]): Promise<void> {
  const verifier = context.verifier;
  if (!verifier) return;
  for (const candidate of candidates) {
    if (candidate.score !== undefined) continue;
    if (candidate.answer === undefined && candidate.text.trim() === '') {
      candidate.score = 0;
      continue;
    }
    candidate.score = await scoreCandidate(problem, context, verifier, candidate);
  }
}

/** Scores one candidate with `verifier`, clamped to [0, 1], and emits the `score` event on its thought. */
export async function scoreCandidate(
  problem: Problem,
  context: StrategyContext,
  verifier: Verifier,
  candidate: Pick<Candidate, 'text' | 'answer' | 'reasoning' | 'thoughtId'>,
): Promise<number> {
  const score = await verifier.score(
    problem,
    { text: candidate.text, answer: candidate.answer, reasoning: candidate.reasoning },
    { signal: context.signal },
  );
  const value = Math.min(1, Math.max(0, score.value));
  context.emit({
    type: 'score',
    id: candidate.thoughtId,
    verifier: verifier.name,
    value,
    ...(score.evidence === undefined ? {} : { evidence: score.evidence }),
  });
  return value;
}
