/**
 * @module `adaptive-consistency`: vote in small batches and stop once the posterior that the leader is the majority
 * answer reaches a threshold (Adaptive-Consistency, Aggarwal et al. 2023), with votes weighted by model confidence
 * (CISC/DeepConf) and, optionally, by verifier scores.
 */
import type { Strategy } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { samplingLoop } from './sampling-loop.js';
import { scoreCandidates } from './score-candidates.js';
import { booleanOption, integerOption, numberOption, optionalIntegerOption } from './strategy-options.js';
import { buildResult, mostConfident, stopReason } from './strategy-result.js';
import { effectiveCounts, leaderProbability, seededRandom, tallyRecord, tallyVotes } from './voting.js';

/** Draws up to `maxSamples` (default 16) in batches of `batch` (default 2) and stops at P(leader is majority) ≥ `threshold` (0.95). */
export const adaptiveConsistency: Strategy = {
  specificationVersion: 'v1',
  name: 'adaptive-consistency',
  description: 'Vote in small batches; stop once the vote is settled (Beta/Dirichlet posterior ≥ threshold).',
  usesVerifier: false,
  async run(problem, context) {
    const maxSamples = integerOption(context.options, 'maxSamples', integerOption(context.options, 'n', 16));
    const batch = integerOption(context.options, 'batch', 2);
    const minSamples = integerOption(context.options, 'minSamples', 1);
    const threshold = numberOption(context.options, 'threshold', 0.95, 0.5, 1);
    const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
    const weightByConfidence = booleanOption(context.options, 'weightByConfidence', true);
    const weightByVerifier = booleanOption(context.options, 'weightByVerifier', false) && context.verifier !== undefined;
    const random = seededRandom(context.seed ?? 0x5eed);
    // A sample without a confidence gets the mean of the others' (neutral), not full weight.
    let neutralConfidence = 1;
    const weightOf = (candidate: Candidate) =>
      (weightByConfidence ? (candidate.confidence ?? neutralConfidence) : 1) * (weightByVerifier ? (candidate.score ?? 1) : 1);
    const updateNeutral = (candidates: readonly Candidate[]) => {
      const known = candidates.flatMap((candidate) => (candidate.confidence === undefined ? [] : [candidate.confidence]));
      neutralConfidence = known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : 1;
    };
    let probability = 0;
    const loop = await samplingLoop(problem, context, {
      total: maxSamples,
      batch,
      maxTokens,
      confidence: weightByConfidence,
      async afterBatch(candidates, fresh) {
        if (weightByVerifier) await scoreCandidates(problem, context, fresh);
        updateNeutral(candidates);
        const tally = tallyVotes(candidates, weightOf);
        // With an exact verifier and no verified answer yet, a wrong majority must not end the search.
        const unverified = weightByVerifier && context.verifier?.exact === true && tally.entries.every((entry) => entry.weight === 0);
        probability = tally.leader && !unverified ? leaderProbability(effectiveCounts(tally), random) : 0;
        context.emit({
          type: 'vote',
          tally: tallyRecord(tally),
          leader: tally.leader?.key,
          confidence: probability,
          samples: candidates.length,
        });
        return candidates.length >= minSamples && probability >= threshold;
      },
    });
    const tally = tallyVotes(loop.candidates, weightOf);
    const winner = tally.leader?.representative ?? mostConfident(loop.candidates);
    const summary = tally.leader
      ? `\n\nVote: ${tally.leader.count}/${loop.candidates.length} → ${tally.leader.key} (P(majority) = ${probability.toFixed(3)})`
      : '';
    return buildResult({
      winner,
      samples: loop.candidates.length,
      stoppedBy: stopReason(context, loop.finished),
      reasoning: `${winner?.reasoning ?? ''}${summary}`.trim(),
      details: { tally: tallyRecord(tally), probability, settled: loop.satisfied, threshold },
    });
  },
};
