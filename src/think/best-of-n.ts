/** @module `best-of-n`: N chains of thought, the one the verifier scores highest wins. */
import type { Strategy } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { samplingLoop } from './sampling-loop.js';
import { scoreCandidates } from './score-candidates.js';
import { samplingOptions } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';
import { tallyVotes } from './voting.js';

/** Warning text when best-of-n runs without a verifier. */
export const NO_VERIFIER_WARNING = 'No verifier for this problem: picked by model confidence, then by majority vote.';

/** Picks the candidate without a verifier: highest model confidence if any, else the majority answer's representative. */
export function fallbackPick(candidates: readonly Candidate[]): Candidate | undefined {
  const confident = candidates.filter((candidate) => candidate.answer !== undefined && candidate.confidence !== undefined);
  if (confident.length > 0)
    return confident.reduce((best, candidate) => ((candidate.confidence ?? 0) > (best.confidence ?? 0) ? candidate : best));
  return tallyVotes(candidates).leader?.representative ?? candidates[0];
}

/** Draws `n` (default 8) samples; returns the highest-scored (ties: the more common answer, then the earlier sample). */
export const bestOfN: Strategy = {
  specificationVersion: 'v1',
  name: 'best-of-n',
  description: 'N chains of thought; the verifier picks the best.',
  usesVerifier: true,
  async run(problem, context) {
    const loop = await samplingLoop(problem, context, {
      ...samplingOptions(context.options, context.model.capabilities.maxParallel, 8),
      // Without a verifier the pick falls back to model confidence.
      confidence: context.verifier === undefined,
      afterBatch: async (_all, fresh) => {
        await scoreCandidates(problem, context, fresh);
        return false;
      },
    });
    const warnings = context.verifier ? [] : [{ type: 'other' as const, message: NO_VERIFIER_WARNING }];
    let winner: Candidate | undefined;
    if (context.verifier) {
      const counts = tallyVotes(loop.candidates);
      const countOf = (candidate: Candidate) => counts.entries.find((entry) => entry.key === candidate.key)?.count ?? 0;
      winner = loop.candidates.reduce<Candidate | undefined>((best, candidate) => {
        if (!best) return candidate;
        const difference = (candidate.score ?? 0) - (best.score ?? 0);
        return difference > 0 || (difference === 0 && countOf(candidate) > countOf(best)) ? candidate : best;
      }, undefined);
    } else {
      winner = fallbackPick(loop.candidates);
    }
    return buildResult({
      winner,
      samples: loop.candidates.length,
      stoppedBy: stopReason(context, loop.finished),
      details: { chosenIndex: winner?.index, scores: loop.candidates.map((candidate) => candidate.score ?? null), warnings },
    });
  },
};
