/** @module `self-consistency`: N chains of thought, majority vote over normalized answers (Wang et al. 2022). */
import type { Strategy } from '../spec/index.js';
import { samplingLoop } from './sampling-loop.js';
import { samplingOptions } from './strategy-options.js';
import { buildResult, mostConfident, stopReason } from './strategy-result.js';
import { tallyRecord, tallyVotes } from './voting.js';

/** Draws a fixed number of samples (`n`, default 5) and returns the majority answer; confidence breaks ties. */
export const selfConsistency: Strategy = {
  specificationVersion: 'v1',
  name: 'self-consistency',
  description: 'N chains of thought, majority vote.',
  usesVerifier: false,
  async run(problem, context) {
    const weightOf = (candidate: { confidence: number | undefined }) => 1 + (candidate.confidence ?? 0) * 1e-6;
    const loop = await samplingLoop(problem, context, {
      ...samplingOptions(context.options, context.model.capabilities.maxParallel, 5),
      confidence: true,
      afterBatch(candidates) {
        const tally = tallyVotes(candidates, weightOf);
        context.emit({
          type: 'vote',
          tally: Object.fromEntries(tally.entries.map((entry) => [entry.key, entry.count])),
          leader: tally.leader?.key,
          confidence: tally.leader && tally.voters > 0 ? tally.leader.count / tally.voters : 0,
          samples: candidates.length,
        });
        return false;
      },
    });
    const tally = tallyVotes(loop.candidates, weightOf);
    const winner = tally.leader?.representative ?? mostConfident(loop.candidates);
    const votes = tally.leader ? `\n\nVote: ${tally.leader.count}/${loop.candidates.length} → ${tally.leader.key}` : '';
    return buildResult({
      winner,
      samples: loop.candidates.length,
      stoppedBy: stopReason(context, loop.finished),
      reasoning: `${winner?.reasoning ?? ''}${votes}`.trim(),
      details: { tally: tallyRecord(tally), leaderShare: tally.leader ? tally.leader.count / Math.max(1, tally.voters) : 0 },
    });
  },
};
