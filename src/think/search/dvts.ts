/**
 * @module `dvts`: diverse verifier tree search (Beeching et al. 2024, "Scaling test-time compute with open models"; HF
 * search-and-learn). The `n` first lines are split into `n / beamWidth` independent subtrees; each subtree is a greedy
 * search of width `beamWidth`: every step samples `beamWidth` next lines of its one chain and keeps the best by the
 * process verifier, so no subtree can crowd the others out (beam search's loss of diversity). Each subtree ends in one
 * answer; the answer is the best-scored one (or a score-weighted vote). Models without continuation fall back to
 * best-of-n with a warning.
 */
import type { Strategy, StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { integerOption } from '../strategy-options.js';
import { beamConfig, completeChain, keepBest, type ScoredState } from './beam.js';
import { roomToExplore } from './explore-budget.js';
import { finishChainSearch } from './finish-search.js';
import { runWithoutContinuation } from './no-continuation.js';
import { initState, type SearchConfig } from './search-config.js';
import { emitBeamStep } from './search-events.js';
import { selectionOption } from './select-chain.js';

interface DvtsSettings {
  /** Subtrees (`n / beamWidth`, at least one). */
  subtrees: number;
  /** Next lines sampled per subtree and step (M). */
  beamWidth: number;
  selection: 'best' | 'vote';
  finishReserve: number;
}

function readSettings(context: StrategyContext): DvtsSettings {
  const n = integerOption(context.options, 'n', 8);
  const beamWidth = Math.min(n, integerOption(context.options, 'beamWidth', 4));
  return {
    subtrees: Math.max(1, Math.floor(n / beamWidth)),
    beamWidth,
    selection: selectionOption(context),
    finishReserve: integerOption(context.options, 'finishReserve', 64, 0),
  };
}

/** One independent subtree: its current chain, or done once its chain was finished. */
interface Subtree {
  index: number;
  chain: ScoredState;
  done: boolean;
}

/** Scores `proposals` and keeps the best (the earlier on ties), emitting kept and pruned; undefined when there were none. */
async function greedyStep(
  context: StrategyContext,
  config: SearchConfig,
  proposals: Awaited<ReturnType<SearchConfig['proposeActions']>>,
  subtree: number,
): Promise<ScoredState | undefined> {
  const children: ScoredState[] = [];
  for (const proposal of proposals) {
    children.push({ state: proposal.state, score: await config.fastReward(proposal.state, proposal.confidence) });
  }
  const [best] = keepBest(children, 1, false);
  emitBeamStep(context, children, best ? [best] : [], subtree);
  return best;
}

/** Moves a subtree to its chosen chain; a chain that ends its thinking or cannot grow is finished to an answer. */
async function advance(config: SearchConfig, subtree: Subtree, best: ScoredState, finished: Candidate[]): Promise<void> {
  subtree.chain = best;
  if (!best.state.final && config.canGrow(best.state)) return;
  subtree.done = true;
  await completeChain(config, best, finished);
}

/** Diverse verifier tree search over thinking lines. */
export const dvts: Strategy = {
  specificationVersion: 'v1',
  name: 'dvts',
  description: 'Diverse verifier tree search: n/M independent greedy subtrees of width M under a process verifier.',
  usesVerifier: true,
  async run(problem, context) {
    const settings = readSettings(context);
    if (!context.model.capabilities.continuation) {
      return runWithoutContinuation('dvts', problem, context, settings.subtrees * settings.beamWidth);
    }
    const config = beamConfig(problem, context);
    const finished: Candidate[] = [];
    const explore = () => roomToExplore(context, settings.finishReserve, finished.length);
    const subtrees: Subtree[] = [];
    // The first lines of every subtree in one call: the subtrees differ from their first step.
    const first = explore() ? await config.proposeActions(initState(), settings.subtrees * settings.beamWidth, 'Step 1') : [];
    for (let index = 0; index * settings.beamWidth < first.length; index += 1) {
      const proposals = first.slice(index * settings.beamWidth, (index + 1) * settings.beamWidth);
      const best = await greedyStep(context, config, proposals, index);
      if (!best) continue;
      const subtree: Subtree = { index, chain: best, done: false };
      subtrees.push(subtree);
      await advance(config, subtree, best, finished);
    }
    // Round robin over the live subtrees, one step each, so a short budget is shared evenly.
    for (
      let depth = 2, live = subtrees.filter((tree) => !tree.done);
      live.length > 0 && explore();
      depth += 1, live = live.filter((tree) => !tree.done)
    ) {
      for (const subtree of live) {
        if (!explore()) break;
        const label = `Subtree ${subtree.index + 1}, step ${depth}`;
        const best = await greedyStep(
          context,
          config,
          await config.proposeActions(subtree.chain.state, settings.beamWidth, label),
          subtree.index,
        );
        if (!best) {
          subtree.done = true; // the budget allows no call
          continue;
        }
        await advance(config, subtree, best, finished);
      }
    }
    // Anytime: with no finished chain yet, finish the best partial chain (the empty one: a plain chain of thought).
    if (finished.length === 0 && !context.stopped()) {
      const [best] = keepBest(
        subtrees.map((tree) => tree.chain),
        1,
        false,
      );
      await completeChain(config, best ?? { state: initState(), score: 0 }, finished);
    }
    return finishChainSearch(context, config, finished, settings.selection, {
      title: 'DVTS selection',
      lead: `${subtrees.length} subtrees, `,
      extra: { subtrees: subtrees.length, beamWidth: settings.beamWidth },
    });
  },
};
