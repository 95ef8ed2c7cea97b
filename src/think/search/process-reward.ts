/** @module Rewards of search: scoring a chain or a finished candidate with a `score` event (the engine picks the process verifier). */
import type { Problem, Score, StrategyContext, Verifier } from '../../spec/index.js';

/** A chain's process score in [0, 1] with the lines the verifier flagged wrong. */
export interface ChainScore {
  value: number;
  wrongLines: string[];
  evidence: string | undefined;
}

/** Scores `candidate` with `verifier`, clamps the value to [0, 1] and emits it as a `score` event on `thoughtId`. */
async function scoreAndEmit(
  problem: Problem,
  context: StrategyContext,
  verifier: Verifier,
  candidate: { text: string; answer: string | undefined; reasoning: string },
  thoughtId: string,
): Promise<{ value: number; score: Score }> {
  const score = await verifier.score(problem, candidate, { signal: context.signal });
  const value = Number.isFinite(score.value) ? Math.min(1, Math.max(0, score.value)) : 0;
  context.emit({
    type: 'score',
    id: thoughtId,
    verifier: verifier.name,
    value,
    ...(score.evidence === undefined ? {} : { evidence: score.evidence }),
  });
  return { value, score };
}

/** Scores the thinking `lines` (and the answer text, if any) with `verifier`, emitting a `score` event on `thoughtId`. */
export async function scoreChain(
  problem: Problem,
  context: StrategyContext,
  verifier: Verifier,
  chain: { lines: readonly string[]; text?: string; answer?: string | undefined; thoughtId: string },
): Promise<ChainScore> {
  const candidate = { text: chain.text ?? '', answer: chain.answer, reasoning: chain.lines.join('\n') };
  const { value, score } = await scoreAndEmit(problem, context, verifier, candidate, chain.thoughtId);
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
  const { thoughtId, ...scored } = candidate;
  return (await scoreAndEmit(problem, context, verifier, scored, thoughtId)).value;
}
