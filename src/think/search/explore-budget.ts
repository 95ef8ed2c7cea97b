/** @module Anytime search: how much budget to keep so that a search still ends with an answer. */
import type { StrategyContext } from '../../spec/index.js';

/**
 * True while the budget leaves room to explore and still finish a chain: more than `reserve` tokens and at least two
 * calls left. Once a chain is finished the whole budget may be explored.
 */
export function roomToExplore(context: StrategyContext, reserve: number, finished: number): boolean {
  if (context.stopped()) return false;
  if (finished > 0) return true;
  if (context.tokensLeft() <= reserve) return false;
  const maxCalls = context.limits.maxCalls;
  return maxCalls === undefined || maxCalls - context.totals().calls >= 2;
}
