/**
 * @module `beam`: step-level beam search with a process reward (Snell et al. 2024; HF search-and-learn). A step is one
 * thinking line: each step samples `beamWidth × branch` next lines split over the kept chains (`prefix` + stop at
 * newline; the first step samples them all from the empty chain), every partial chain is scored by the process
 * verifier, the `beamWidth` best are kept; chains that end their thinking are finished with one
 * completion. Models without continuation fall back to best-of-n with a warning.
 */
import type { Problem, Strategy, StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { booleanOption, integerOption, optionalIntegerOption } from '../strategy-options.js';
import { roomToExplore } from './explore-budget.js';
import { finishChainSearch } from './finish-search.js';
import { runWithoutContinuation } from './no-continuation.js';
import { createThinkingSearch, initState, type SearchConfig, type ThinkingState } from './search-config.js';
import { emitBeamStep } from './search-events.js';
import { type ChainSelection, selectionOption } from './select-chain.js';
import { chainPrefix } from './step-lines.js';

/** A chain on the beam with its score. */
export interface ScoredState {
  state: ThinkingState;
  score: number;
}

/** The `beamWidth` best chains by score (ties: the earlier chain); distinct chains only when `unique`. */
export function keepBest(chains: readonly ScoredState[], beamWidth: number, unique = true): ScoredState[] {
  const seen = new Set<string>();
  const pool = unique
    ? chains.filter((chain) => {
        const key = chainPrefix(chain.state.lines);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
    : [...chains];
  return pool
    .map((chain, order) => ({ chain, order }))
    .sort((left, right) => right.chain.score - left.chain.score || left.order - right.order)
    .slice(0, beamWidth)
    .map((entry) => entry.chain);
}

interface BeamSettings {
  beamWidth: number;
  branch: number;
  unique: boolean;
  selection: ChainSelection;
  /** Tokens kept to finish a chain before any chain is finished. */
  finishReserve: number;
}

function readSettings(context: StrategyContext): BeamSettings {
  return {
    beamWidth: integerOption(context.options, 'beamWidth', 4),
    branch: integerOption(context.options, 'branch', 2),
    unique: booleanOption(context.options, 'unique', true),
    selection: selectionOption(context),
    finishReserve: integerOption(context.options, 'finishReserve', 64, 0),
  };
}

/** The search config of beam and DVTS: process rewards first, then the outcome verifier, then model confidence. */
export function beamConfig(problem: Problem, context: StrategyContext): SearchConfig {
  const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
  const processVerifier = context.processVerifier(problem);
  return createThinkingSearch(problem, context, {
    stepTokens: integerOption(context.options, 'stepTokens', 64),
    finishTokens:
      optionalIntegerOption(context.options, 'finishTokens') ??
      (maxTokens === undefined ? undefined : Math.max(16, Math.ceil(maxTokens / 2))),
    chainTokens: maxTokens,
    maxDepth: integerOption(context.options, 'maxDepth', 64),
    source: processVerifier ? 'process' : context.verifier ? 'outcome' : 'confidence',
    processVerifier,
  });
}

/**
 * Expand: continues the kept chains with `candidates` new lines in all (beamWidth × branch, split evenly, so the first
 * step samples them all from the empty chain) and scores them by fast reward; stops when the budget runs out.
 */
async function expandBeams(config: SearchConfig, explore: () => boolean, beams: readonly ScoredState[], candidates: number, depth: number) {
  const children: ScoredState[] = [];
  const each = Math.max(1, Math.ceil(candidates / Math.max(1, beams.length)));
  for (const beam of beams) {
    if (!explore()) break;
    for (const proposal of await config.proposeActions(beam.state, each, `Step ${depth}`)) {
      children.push({ state: proposal.state, score: await config.fastReward(proposal.state, proposal.confidence) });
    }
  }
  return children;
}

/** Finish: completes a chain to its answer and sets its reward; undefined when the budget allows no call. */
export async function completeChain(config: SearchConfig, chain: ScoredState, finished: Candidate[]) {
  const candidate = await config.finish(chain.state, `Finish chain ${finished.length + 1}`);
  if (!candidate) return undefined;
  candidate.score = await config.reward(candidate, [...finished, candidate]);
  finished.push(candidate);
  return candidate;
}

/** Beam search over thinking lines, scored by a process verifier. */
export const beam: Strategy = {
  specificationVersion: 'v1',
  name: 'beam',
  description: 'Step-level beam search: extend chains line by line, keep the best-scored by a process verifier.',
  usesVerifier: true,
  async run(problem, context) {
    const settings = readSettings(context);
    if (!context.model.capabilities.continuation) {
      return runWithoutContinuation('beam', problem, context, settings.beamWidth * settings.branch);
    }
    const config = beamConfig(problem, context);
    const finished: Candidate[] = [];
    let beams: ScoredState[] = [{ state: initState(), score: 0 }];
    let stalled: ScoredState[] = [];
    const explore = () => roomToExplore(context, settings.finishReserve, finished.length);
    for (let depth = 1; beams.length > 0 && explore(); depth += 1) {
      const grown = await expandBeams(config, explore, beams, settings.beamWidth * settings.branch, depth);
      const children = keepBest(grown, Number.MAX_SAFE_INTEGER, settings.unique);
      if (children.length === 0) break;
      const finals = children.filter((child) => child.state.final);
      for (const chain of finals) await completeChain(config, chain, finished);
      const kept = keepBest(
        children.filter((child) => !child.state.final),
        Math.max(0, settings.beamWidth - finished.length),
        settings.unique,
      );
      emitBeamStep(context, grown, [...finals, ...kept]); // a duplicate line is reported pruned
      stalled = [...stalled, ...kept.filter((chain) => !config.canGrow(chain.state))];
      beams = kept.filter((chain) => config.canGrow(chain.state));
    }
    // Anytime: with no finished chain yet, finish the best partial chain (the empty one: a plain chain of thought).
    if (finished.length === 0 && !context.stopped()) {
      const [best] = keepBest([...stalled, ...beams], 1, false);
      if (best) await completeChain(config, best, finished);
    }
    return finishChainSearch(context, config, finished, settings.selection, { title: 'Beam selection' });
  },
};
