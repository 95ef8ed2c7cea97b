/** @module Budget limits as composable stop predicates: each says which limit, if any, is exhausted now. */
import type { BudgetLimits, LedgerTotals, StopLimit } from '../spec/index.js';

/** What a stop condition looks at. */
export interface BudgetState {
  totals: LedgerTotals;
  /** Wall-clock seconds since the request started. */
  elapsedSeconds: number;
  aborted: boolean;
}

/** Returns the exhausted limit, or null when spending may continue. */
export type StopCondition = (state: BudgetState) => StopLimit | null;

/** Stops once `maxTokens` generated tokens have been spent. */
export const isTokenBudgetExceeded =
  (maxTokens: number): StopCondition =>
  (state) =>
    state.totals.completionTokens >= maxTokens ? 'tokens' : null;

/** Stops once `maxUsd` dollars have been spent. */
export const isCostAbove =
  (maxUsd: number): StopCondition =>
  (state) =>
    state.totals.costUsd >= maxUsd ? 'usd' : null;

/** Stops once `maxSeconds` of wall time have passed. */
export const isWallClockAbove =
  (maxSeconds: number): StopCondition =>
  (state) =>
    state.elapsedSeconds >= maxSeconds ? 'seconds' : null;

/** Stops once `maxCalls` model calls have been made. */
export const isCallCountAtLeast =
  (maxCalls: number): StopCondition =>
  (state) =>
    state.totals.calls >= maxCalls ? 'calls' : null;

/** Stops when the request was aborted. */
export const isAborted: StopCondition = (state) => (state.aborted ? 'abort' : null);

/** The first limit any of the conditions reports, or null. */
export function firstStop(conditions: readonly StopCondition[], state: BudgetState): StopLimit | null {
  for (const condition of conditions) {
    const limit = condition(state);
    if (limit) return limit;
  }
  return null;
}

/**
 * The stop conditions of a set of limits: abort first (an aborted request always says `abort`), then the spending limits
 * that cut work (tokens, dollars, seconds), calls last: a one-call plan whose call a token cap cut says `tokens`.
 */
export function conditionsFor(limits: BudgetLimits): StopCondition[] {
  const conditions: StopCondition[] = [isAborted];
  if (limits.maxTokens !== undefined) conditions.push(isTokenBudgetExceeded(limits.maxTokens));
  if (limits.maxUsd !== undefined) conditions.push(isCostAbove(limits.maxUsd));
  if (limits.maxSeconds !== undefined) conditions.push(isWallClockAbove(limits.maxSeconds));
  if (limits.maxCalls !== undefined) conditions.push(isCallCountAtLeast(limits.maxCalls));
  return conditions;
}
