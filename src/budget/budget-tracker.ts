/** @module The budget tracker: checks the limits against the ledger, caps each call to what is left, reports what stopped it. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { BudgetLimits, StopLimit } from '../spec/index.js';
import type { Ledger } from './ledger.js';
import { type BudgetState, conditionsFor, firstStop } from './limits.js';

export interface BudgetTrackerOptions {
  limits: BudgetLimits;
  ledger: Ledger;
  signal?: AbortSignal | undefined;
  /** Dollars per generated token of the model, to turn a dollar limit into a token cap. */
  usdPerOutputToken?: number;
  /** Clock in milliseconds (tests inject one). */
  now?: () => number;
}

/** What the tracker allows the next call to spend. */
export interface CallAllowance {
  n: number;
  /** Per-sample token cap; undefined when unlimited. */
  maxTokens: number | undefined;
}

/** Tracks one request's spending against its limits. */
export interface BudgetTracker {
  readonly limits: BudgetLimits;
  /** The exhausted limit, or null. */
  stopped(): StopLimit | null;
  /** Generated tokens still allowed (by the token and dollar limits); Infinity when unlimited. */
  tokensLeft(): number;
  /** What is left of each set limit. */
  remaining(): Partial<Record<'tokens' | 'usd' | 'seconds' | 'calls', number>>;
  /** Fits a call of `n` samples of at most `maxTokens` each into what is left; null when nothing may be spent. */
  allow(n: number, maxTokens: number | undefined): CallAllowance | null;
  /** Seconds since the tracker was created. */
  elapsedSeconds(): number;
  /** Milliseconds until the time limit; Infinity when none. */
  millisecondsLeft(): number;
}

/** Throws INVALID_ARGUMENT when a limit is not a finite non-negative number (calls and tokens: integers ≥ 1). */
export function validateBudgetLimits(limits: BudgetLimits): void {
  const checks: Array<[keyof BudgetLimits, boolean]> = [
    ['maxTokens', true],
    ['maxCalls', true],
    ['maxUsd', false],
    ['maxSeconds', false],
  ];
  for (const [key, integer] of checks) {
    const value = limits[key];
    if (value === undefined) continue;
    const valid = typeof value === 'number' && Number.isFinite(value) && (integer ? Number.isInteger(value) && value >= 1 : value > 0);
    if (!valid) {
      throw new SlowthinkError(
        ERROR_CODES.INVALID_ARGUMENT,
        `Expected budget \`${key}\` to be ${integer ? 'a whole number ≥ 1' : 'a number > 0'}, got ${String(value)}`,
        {
          hint: `Pass a positive ${integer ? 'integer' : 'number'} for ${key}, or leave it out for no limit.`,
          param: key,
        },
      );
    }
  }
}

/** Creates a tracker for one request. */
export function createBudgetTracker(options: BudgetTrackerOptions): BudgetTracker {
  const { limits, ledger, signal } = options;
  validateBudgetLimits(limits);
  const now = options.now ?? Date.now;
  const started = now();
  const conditions = conditionsFor(limits);
  const elapsedSeconds = () => (now() - started) / 1000;
  const state = (): BudgetState => ({ totals: ledger.totals(), elapsedSeconds: elapsedSeconds(), aborted: signal?.aborted ?? false });
  const tokensLeft = (): number => {
    const totals = ledger.totals();
    let left = Number.POSITIVE_INFINITY;
    if (limits.maxTokens !== undefined) left = Math.min(left, limits.maxTokens - totals.completionTokens);
    if (limits.maxUsd !== undefined && options.usdPerOutputToken) {
      left = Math.min(left, Math.floor((limits.maxUsd - totals.costUsd) / options.usdPerOutputToken));
    }
    return Math.max(0, left);
  };
  return {
    limits,
    stopped: () => firstStop(conditions, state()),
    tokensLeft,
    elapsedSeconds,
    millisecondsLeft: () => (limits.maxSeconds === undefined ? Number.POSITIVE_INFINITY : limits.maxSeconds * 1000 - (now() - started)),
    remaining() {
      const totals = ledger.totals();
      const remaining: Partial<Record<'tokens' | 'usd' | 'seconds' | 'calls', number>> = {};
      if (limits.maxTokens !== undefined) remaining.tokens = Math.max(0, limits.maxTokens - totals.completionTokens);
      if (limits.maxUsd !== undefined) remaining.usd = Math.max(0, limits.maxUsd - totals.costUsd);
      if (limits.maxSeconds !== undefined) remaining.seconds = Math.max(0, limits.maxSeconds - elapsedSeconds());
      if (limits.maxCalls !== undefined) remaining.calls = Math.max(0, limits.maxCalls - totals.calls);
      return remaining;
    },
    allow(n, maxTokens) {
      if (firstStop(conditions, state())) return null;
      const left = tokensLeft();
      if (left < 1) return null;
      if (!Number.isFinite(left)) return { n, maxTokens };
      const samples = Math.max(1, Math.min(n, left));
      const share = Math.floor(left / samples);
      return { n: samples, maxTokens: maxTokens === undefined ? share : Math.min(maxTokens, share) };
    },
  };
}
