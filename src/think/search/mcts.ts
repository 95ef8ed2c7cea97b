/**
 * @module `mcts`: Monte Carlo tree search over thinking lines (llm-reasoners / rStar style). Each iteration selects a
 * node by UCT, expands it with `width` sampled next lines, simulates one rollout to an answer and backpropagates the
 * outcome reward: the exact verifier when the task has one, else the process verifier's score of the rollout, else the
 * rollout's agreement with the other rollouts (majority). Anytime: stops at `iterations` or when the budget runs out.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Problem, Strategy, StrategyContext, Verifier } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../prompts.js';
import { booleanOption, integerOption, numberOption, optionalIntegerOption, stringOption } from '../strategy-options.js';
import { buildResult } from '../strategy-result.js';
import { tallyRecord, tallyVotes } from '../voting.js';
import type { GrowSettings } from './grow-chain.js';
import { backpropagate, createRoot, expand, meanValue, mostVisitedPath, type SearchNode, select, simulate } from './mcts-tree.js';
import { runWithoutContinuation } from './no-continuation.js';
import { resolveProcessVerifier, scoreChain, scoreOutcome } from './process-reward.js';
import { chainPrefix, fitsContext } from './step-lines.js';

/** Where the reward of a rollout comes from. */
export type RewardSource = 'outcome' | 'process' | 'vote';

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

interface MctsSettings extends GrowSettings {
  iterations: number;
  width: number;
  exploration: number;
  maxDepth: number;
  stopOnSolved: boolean;
  source: RewardSource;
  processVerifier: Verifier | undefined;
}

function readSettings(problem: Problem, context: StrategyContext): MctsSettings {
  const processVerifier = resolveProcessVerifier(problem, context);
  return {
    iterations: integerOption(context.options, 'iterations', 8),
    width: integerOption(context.options, 'width', 2),
    exploration: numberOption(context.options, 'exploration', 1, 0, 100),
    maxDepth: integerOption(context.options, 'maxDepth', 24),
    stopOnSolved: booleanOption(context.options, 'stopOnSolved', true),
    stepTokens: integerOption(context.options, 'stepTokens', 64),
    finishTokens: optionalIntegerOption(context.options, 'maxTokens'),
    temperature: context.temperature ?? 0.8,
    messages: withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP),
    drawn: { count: 0 },
    source: chooseRewardSource(context, processVerifier, stringOption(context.options, 'reward', 'auto')),
    processVerifier,
  };
}

/** The reward of one rollout in [0, 1] (a `score` event on its thought); `rollouts` are all rollouts so far, this one included. */
async function evaluate(
  problem: Problem,
  context: StrategyContext,
  settings: MctsSettings,
  rollout: Candidate,
  rollouts: readonly Candidate[],
) {
  if (
    settings.source === 'vote' ||
    (settings.source === 'outcome' && !context.verifier) ||
    (settings.source === 'process' && !settings.processVerifier)
  ) {
    const agreeing = rollout.key === undefined ? 0 : rollouts.filter((other) => other.key === rollout.key).length;
    const value = agreeing / rollouts.length;
    context.emit({ type: 'score', id: rollout.thoughtId, verifier: 'agreement', value });
    return value;
  }
  if (settings.source === 'process' && settings.processVerifier) {
    const lines = rollout.reasoning.split('\n').filter((line) => line.trim() !== '');
    const chain = { lines, text: rollout.text, answer: rollout.answer, thoughtId: rollout.thoughtId };
    return (await scoreChain(problem, context, settings.processVerifier, chain)).value;
  }
  return scoreOutcome(problem, context, context.verifier as Verifier, rollout);
}

/** The node to simulate this iteration: a fresh leaf itself, else one new child after expanding it (undefined: budget out). */
async function nodeToSimulate(problem: Problem, context: StrategyContext, settings: MctsSettings, leaf: SearchNode) {
  const growable = !leaf.final && leaf.lines.length < settings.maxDepth && fitsContext(context.model, problem, chainPrefix(leaf.lines));
  if (!growable || (leaf.visits === 0 && leaf.parent !== null)) return leaf;
  const children = await expand(context, settings, leaf, settings.width);
  if (children.length === 0) return undefined;
  return children.find((child) => child.visits === 0) ?? children[0];
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
    const settings = readSettings(problem, context);
    if (!context.model.capabilities.continuation) return runWithoutContinuation('mcts', problem, context, settings.iterations);
    const root = createRoot();
    const rollouts: Array<{ rollout: Candidate; node: SearchNode }> = [];
    let iterations = 0;
    let solved = false;
    for (; iterations < settings.iterations && !context.stopped() && !solved; iterations += 1) {
      const leaf = select(root, settings.exploration);
      const cached = leaf.final ? leaf.rollouts[0] : undefined;
      if (cached) {
        backpropagate(leaf, cached.score ?? 0); // a finished chain's answer does not change: no new call
        continue;
      }
      const node = await nodeToSimulate(problem, context, settings, leaf);
      const rollout = node && (await simulate(problem, context, settings, node));
      if (!node || !rollout) break;
      rollouts.push({ rollout, node });
      rollout.score = await evaluate(
        problem,
        context,
        settings,
        rollout,
        rollouts.map((entry) => entry.rollout),
      );
      backpropagate(node, rollout.score);
      solved = settings.stopOnSolved && settings.source === 'outcome' && context.verifier?.exact === true && rollout.score >= 1;
    }
    if (settings.source === 'vote') {
      // Agreement rewards were computed as rollouts arrived; the answer uses the final shares.
      for (const entry of rollouts)
        entry.rollout.score =
          rollouts.filter((other) => other.rollout.key === entry.rollout.key && entry.rollout.key !== undefined).length / rollouts.length;
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
    const summaryId = context.startThought('aggregate', 'Search summary', null);
    const summary = `${iterations} iterations, ${rollouts.length} rollouts, reward: ${settings.source}; most visited: ${path.map((node) => `${node.line || '</think>'} (${node.visits})`).join(' → ')}`;
    context.endThought(summaryId, { text: summary, ...(winner?.answer === undefined ? {} : { answer: winner.answer }) });
    return buildResult({
      winner,
      samples: settings.drawn.count,
      stoppedBy: context.stopped(),
      details: {
        iterations,
        solved,
        reward: settings.source,
        rootVisits: root.visits,
        children: root.children.map((child) => ({ line: child.line, visits: child.visits, value: child.value, mean: meanValue(child) })),
      },
    });
  },
};
