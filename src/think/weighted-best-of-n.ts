/** @module `weighted-best-of-n`: N chains of thought; each answer's verifier scores are summed and the largest sum wins. */
import type { Strategy } from '../spec/index.js';
import { fallbackPick, NO_VERIFIER_WARNING } from './best-of-n.js';
import { samplingLoop } from './sampling-loop.js';
import { scoreCandidates } from './score-candidates.js';
import { samplingOptions } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';
import { tallyRecord, tallyVotes } from './voting.js';

/** Draws `n` (default 8) samples and votes with verifier scores as weights (without a verifier: confidence, then majority). */
export const weightedBestOfN: Strategy = {
  specificationVersion: 'v1',
  name: 'weighted-best-of-n',
  description: 'N chains of thought; answers ranked by the sum of their verifier scores.',
  usesVerifier: true,
  async run(problem, context) {
    const loop = await samplingLoop(problem, context, {
      ...samplingOptions(context.options, context.model.capabilities.maxParallel, 8),
      confidence: context.verifier === undefined,
      afterBatch: async (candidates, fresh) => {
        await scoreCandidates(problem, context, fresh);
        const tally = tallyVotes(candidates, (candidate) => candidate.score ?? 0);
        const total = tally.entries.reduce((sum, entry) => sum + entry.weight, 0);
        context.emit({
          type: 'vote',
          tally: tallyRecord(tally),
          leader: tally.leader?.key,
          confidence: tally.leader && total > 0 ? tally.leader.weight / total : 0,
          samples: candidates.length,
        });
        return false;
      },
    });
    const warnings = context.verifier ? [] : [{ type: 'other' as const, message: NO_VERIFIER_WARNING }];
    const tally = tallyVotes(loop.candidates, (candidate) => candidate.score ?? 0);
    const winner = context.verifier && (tally.leader?.weight ?? 0) > 0 ? tally.leader?.representative : fallbackPick(loop.candidates);
    return buildResult({
      winner,
      samples: loop.candidates.length,
      stoppedBy: stopReason(context, loop.finished),
      details: { tally: tallyRecord(tally), warnings },
    });
  },
};
