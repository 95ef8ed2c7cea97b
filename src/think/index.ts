/** @module The strategy registry: every strategy by name, and `getStrategy(name)`. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Strategy } from '../spec/index.js';
import { adaptiveConsistency } from './adaptive-consistency.js';
import { bestOfN } from './best-of-n.js';
import { cot } from './cot.js';
import { direct } from './direct.js';
import { refine } from './refine.js';
import { beam } from './search/beam.js';
import { dvts } from './search/dvts.js';
import { mcts } from './search/mcts.js';
import { selfConsistency } from './self-consistency.js';
import { society } from './society/society.js';
import { thinkLonger } from './think-longer.js';
import { weightedBestOfN } from './weighted-best-of-n.js';

/** All built-in strategies, keyed by name. */
export const strategies: Readonly<Record<string, Strategy>> = Object.freeze({
  [direct.name]: direct,
  [cot.name]: cot,
  [selfConsistency.name]: selfConsistency,
  [adaptiveConsistency.name]: adaptiveConsistency,
  [bestOfN.name]: bestOfN,
  [weightedBestOfN.name]: weightedBestOfN,
  [thinkLonger.name]: thinkLonger,
  [beam.name]: beam,
  [dvts.name]: dvts,
  [mcts.name]: mcts,
  [refine.name]: refine,
  [society.name]: society,
});

const registered = new Map<string, Strategy>(Object.entries(strategies));

/** Adds a strategy (e.g. search strategies from other modules); a name may be registered once. */
export function registerStrategy(strategy: Strategy): void {
  if (registered.has(strategy.name) && registered.get(strategy.name) !== strategy) {
    throw new SlowthinkError(ERROR_CODES.INTERNAL, `Strategy "${strategy.name}" is already registered`);
  }
  registered.set(strategy.name, strategy);
}

/** Names of every registered strategy. */
export function listStrategies(): string[] {
  return [...registered.keys()];
}

/** The strategy of that name; throws UNKNOWN_STRATEGY listing the valid names. */
export function getStrategy(name: string): Strategy {
  const strategy = registered.get(name);
  if (!strategy) {
    throw new SlowthinkError(ERROR_CODES.UNKNOWN_STRATEGY, `Unknown strategy "${name}"`, {
      hint: `Use one of: ${listStrategies().join(', ')}.`,
      param: 'strategy',
    });
  }
  return strategy;
}

export type { Candidate } from './candidate.js';
export { splitThinking } from './candidate.js';
export { betaLeaderProbability, leaderProbability } from './voting.js';
export { adaptiveConsistency, bestOfN, cot, direct, selfConsistency, thinkLonger, weightedBestOfN };
