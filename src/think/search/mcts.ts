/**
 * @module `mcts`: Monte Carlo tree search over thinking lines (llm-reasoners / rStar style). Each iteration selects a
 * node by UCT, expands it with `width` sampled next lines, simulates one rollout to an answer and backpropagates the
 * outcome reward: the exact verifier when the task has one, else the process verifier's score of the rollout, else the
 * rollout's agreement with the other rollouts (majority). Anytime: stops at `iterations` or when the budget runs out.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Problem, Strategy, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { booleanOption, integerOption, numberOption, optionalIntegerOption, stringOption } from '../strategy-options.js';
import { tallyRecord, tallyVotes } from '../voting.js';
import { roomToExplore } from './explore-budget.js';
import { finishSearch } from './finish-search.js';
import { backpropagate, createRoot, expand, meanValue, mostVisitedPath, type SearchNode, select, simulate, stateOf } from './mcts-tree.js';
import { runWithoutContinuation } from './no-continuation.js';
import { createThinkingSearch, type RewardSource, type SearchConfig } from './search-config.js';
import { emitVisits } from './search-events.js';

/** The reward source `auto` picks: an exact outcome verifier, else a process verifier, else any outcome verifier, else the vote. */
export function chooseRewardSource(context: StrategyContext, processVerifier: Verifier | undefined, requested: string): RewardSource {
  if (requested === 'outcome' || requested === 'process' || requested === 'vote') return requested;
  if (requested !== 'auto') {
    throw new SlowthinkError(
      ERROR_CODES.INVALID_ARGUMENT,
      `Expected option \`reward\` to be auto, outcome, process or vote, got ${requested}`,
      {
        param: 'options.reward',
      },
    );
  }
  if (context.verifier?.kind === 'outcome' && context.verifier.exact) return 'outcome';
  if (processVerifier) return 'process';
  return context.verifier ? 'outcome' : 'vote';
}

interface MctsSettings {
  iterations: number;
  width: number;
  exploration: number;
  stopOnSolved: boolean;
  /** Most children a node gets by progressive widening. */
  maxChildren: number;
  /** Tokens kept for the first rollout. */
  finishReserve: number;
}

function readSettings(context: StrategyContext): MctsSettings {
  return {
    iterations: integerOption(context.options, 'iterations', 8),
    width: integerOption(context.options, 'width', 2),
    exploration: numberOption(context.options, 'exploration', 1, 0, 100),
    stopOnSolved: booleanOption(context.options, 'stopOnSolved', true),
    finishReserve: integerOption(context.options, 'finishReserve', 64, 0),
    maxChildren: integerOption(context.options, 'maxChildren', 6),
  };
}

/** The search config of MCTS: rollouts to an answer, rewarded by the chosen source. */
function mctsConfig(problem: Problem, context: StrategyContext): SearchConfig {
  const processVerifier = context.processVerifier(problem);
  return createThinkingSearch(problem, context, {
    stepTokens: integerOption(context.options, 'stepTokens', 64),
    finishTokens: optionalIntegerOption(context.options, 'maxTokens'),
    chainTokens: undefined,
    maxDepth: integerOption(context.options, 'maxDepth', 64),
    source: chooseRewardSource(context, processVerifier, stringOption(context.options, 'reward', 'auto')),
    processVerifier,
  });
}

/** The node to simulate: a fresh leaf itself, else a new child after expanding it; without room to explore, the leaf (undefined: budget out). */
async function nodeToSimulate(config: SearchConfig, leaf: SearchNode, width: number, explore: boolean) {
  if (!explore || !config.canGrow(stateOf(leaf)) || (leaf.visits === 0 && leaf.parent !== null)) return leaf;
  const children = await expand(config, leaf, width);
  if (children.length === 0) return undefined;
  return children.find((child) => child.visits === 0) ?? children[0];
}

/**
 * Progressive widening: when selection reaches a finished chain already rolled out, sample `width` more lines for the
 * nearest ancestor not yet saturated (fewer than `maxChildren` children, and its last widening found something new) and
 * return a new child to simulate; undefined when nothing new came up.
 */
async function widen(config: SearchConfig, parent: SearchNode | null, settings: MctsSettings, explore: boolean) {
  for (let node = parent; node && explore; node = node.parent) {
    if (node.saturated || node.children.length >= settings.maxChildren) continue;
    const before = new Set(node.children);
    const children = await expand(config, node, settings.width);
    if (children.length === 0) return undefined; // the budget allows no call
    const fresh = children.find((child) => !before.has(child));
    if (fresh) return fresh;
    node.saturated = true;
  }
  return undefined;
}

/** The answer: the highest-reward rollout, ties to the rollout from the more-visited node, then the earlier one. */
export function pickRollout(rollouts: ReadonlyArray<{ rollout: Candidate; node: SearchNode }>): Candidate | undefined {
  const answered = rollouts.filter((entry) => entry.rollout.answer !== undefined);
  const pool = answered.length > 0 ? answered : rollouts;
  const best = pool.reduce<(typeof pool)[number] | undefined>((leader, entry) => {
    if (!leader) return entry;
    const difference = (entry.rollout.score ?? 0) - (leader.rollout.score ?? 0);
    if (difference !== 0) return difference > 0 ? entry : leader;
    return entry.node.visits > leader.node.visits ? entry : leader;
  }, undefined);
  return best?.rollout;
}

/** Monte Carlo tree search over thinking lines. */
export const mcts: Strategy = {
  specificationVersion: 'v1',
  name: 'mcts',
  description: 'Monte Carlo tree search over thinking lines: UCT select, expand, roll out, backpropagate the reward.',
  usesVerifier: true,
  async run(problem, context) {
    const settings = readSettings(context);
    if (!context.model.capabilities.continuation) return runWithoutContinuation('mcts', problem, context, settings.iterations);
    const config = mctsConfig(problem, context);
    const exact = config.source === 'outcome' && context.verifier?.exact === true;
    const root = createRoot();
    const rollouts: Array<{ rollout: Candidate; node: SearchNode }> = [];
    let iterations = 0;
    let solved = false;
    for (; iterations < settings.iterations && !context.stopped() && !solved; iterations += 1) {
      const leaf = select(root, settings.exploration);
      const explore = roomToExplore(context, settings.finishReserve, rollouts.length);
      const cached = leaf.final ? leaf.rollouts[0] : undefined;
      const node = cached
        ? await widen(config, leaf.parent, settings, explore)
        : await nodeToSimulate(config, leaf, settings.width, explore);
      if (cached && !node) {
        backpropagate(leaf, cached.score ?? 0); // a finished chain's answer does not change: no new call
        emitVisits(context, leaf);
        continue;
      }
      const rollout = node && (await simulate(config, node));
      if (!node || !rollout) break;
      rollouts.push({ rollout, node });
      rollout.score = await config.reward(
        rollout,
        rollouts.map((entry) => entry.rollout),
      );
      backpropagate(node, rollout.score);
      emitVisits(context, node);
      solved = settings.stopOnSolved && exact && rollout.score >= 1;
    }
    if (config.source === 'vote') {
      // Agreement rewards were computed as rollouts arrived; the answer uses the final shares.
      for (const entry of rollouts) {
        const key = entry.rollout.key;
        entry.rollout.score = key === undefined ? 0 : rollouts.filter((other) => other.rollout.key === key).length / rollouts.length;
      }
    }
    const winner = pickRollout(rollouts);
    const tally = tallyVotes(rollouts.map((entry) => entry.rollout));
    context.emit({
      type: 'vote',
      tally: tallyRecord(tally),
      leader: winner?.key,
      confidence: winner?.score ?? 0,
      samples: rollouts.length,
    });
    const path = mostVisitedPath(root);
    const visited = path.map((node) => `${node.line || '</think>'} (${node.visits})`).join(' → ');
    return finishSearch(context, config, {
      title: 'Search summary',
      summary: `${iterations} iterations, ${rollouts.length} rollouts, reward: ${config.source}; most visited: ${visited}`,
      winner,
      details: {
        iterations,
        solved,
        reward: config.source,
        rootVisits: root.visits,
        children: root.children.map((child) => ({ line: child.line, visits: child.visits, value: child.value, mean: meanValue(child) })),
      },
    });
  },
};
