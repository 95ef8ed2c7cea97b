/** @module The budget tracker: checks the limits against the ledger, plans each call into what is left, reports what stopped it. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { BudgetLimits, Price, StopLimit } from '../spec/index.js';
import type { Ledger } from './ledger.js';
import { type BudgetState, conditionsFor, firstStop } from './limits.js';

export interface BudgetTrackerOptions {
  limits: BudgetLimits;
  ledger: Ledger;
  signal?: AbortSignal | undefined;
  /** The model's price, to turn a dollar limit into a token cap (prompt and completion both counted). */
  price?: Price | undefined;
  /** Clock in milliseconds (tests inject one). */
  now?: () => number;
}

/** One call a strategy wants to make. */
export interface CallRequest {
  /** Samples wanted. */
  n: number;
  /** Per-sample cap the strategy asked for; undefined for none. */
  maxTokens: number | undefined;
  /** An upper bound on the call's prompt tokens (its dollar cost is taken off the dollar limit first). */
  promptTokens?: number;
  /** Calls of one kind (same cap, same stop) finish at similar lengths; the plan learns them per kind. */
  kind?: string;
  /** The price of the model this call goes to, when it is not the request's model (a society member, a judge). */
  price?: Price | undefined;
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
  /** The exhausted limit, or null. A limit that left too little for any useful call counts as exhausted. */
  stopped(): StopLimit | null;
  /** Generated tokens still allowed (by the token and dollar limits, after a prompt of `promptTokens`); Infinity when unlimited. */
  tokensLeft(promptTokens?: number): number;
  /** What is left of each set limit. */
  remaining(): Partial<Record<'tokens' | 'usd' | 'seconds' | 'calls', number>>;
  /**
   * Plans a call into what is left; null when nothing useful may be spent (then `stopped()` names the limit). Samples
   * get their full cap while it fits; past that, fewer samples rather than fragments: one sample takes all that is
   * left until samples of this kind have finished, then as many as fit at their typical length, and none when what
   * is left is below the shortest one that finished.
   */
  allow(call: CallRequest): CallAllowance | null;
  /** Learns from a call's samples: the lengths of those that finished by themselves (`stop`). */
  observe(kind: string | undefined, finished: readonly number[]): void;
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

/** Lengths of finished samples of one kind. */
interface KindStats {
  count: number;
  sum: number;
  shortest: number;
}

/** Creates a tracker for one request. */
export function createBudgetTracker(options: BudgetTrackerOptions): BudgetTracker {
  const { limits, ledger, signal, price } = options;
  validateBudgetLimits(limits);
  const now = options.now ?? Date.now;
  const started = now();
  const conditions = conditionsFor(limits);
  const kinds = new Map<string, KindStats>();
  // A limit that refused a call for leaving too little: it stays exhausted (the strategy must not keep asking).
  let spent: StopLimit | null = null;
  const elapsedSeconds = () => (now() - started) / 1000;
  const state = (): BudgetState => ({ totals: ledger.totals(), elapsedSeconds: elapsedSeconds(), aborted: signal?.aborted ?? false });
  /** Tokens left by each of the token and dollar limits, for a call at `callPrice` (default: the request's model's). */
  const leftBy = (promptTokens: number, callPrice: Price | undefined = price): { tokens: number; usd: number } => {
    const outputPerToken = callPrice ? callPrice.outputPerMTok / 1_000_000 : 0;
    const inputPerToken = callPrice ? callPrice.inputPerMTok / 1_000_000 : 0;
    const totals = ledger.totals();
    const tokens = limits.maxTokens === undefined ? Number.POSITIVE_INFINITY : limits.maxTokens - totals.completionTokens;
    let usd = Number.POSITIVE_INFINITY;
    if (limits.maxUsd !== undefined) {
      const dollars = limits.maxUsd - totals.costUsd - promptTokens * inputPerToken;
      // A small epsilon keeps float dust from refusing a token that fits exactly.
      if (outputPerToken > 0) usd = Math.floor(dollars / outputPerToken + 1e-9);
      else if (dollars < 0) usd = 0;
    }
    return { tokens: Math.max(0, tokens), usd: Math.max(0, usd) };
  };
  const tokensLeft = (promptTokens = 0, callPrice: Price | undefined = price) => {
    const { tokens, usd } = leftBy(promptTokens, callPrice);
    return Math.min(tokens, usd);
  };
  const refuse = (promptTokens: number, callPrice: Price | undefined): null => {
    const { tokens, usd } = leftBy(promptTokens, callPrice);
    spent ??= usd < tokens ? 'usd' : 'tokens';
    return null;
  };
  return {
    limits,
    stopped: () => firstStop(conditions, state()) ?? spent,
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
    allow(call) {
      if (firstStop(conditions, state()) || spent) return null;
      const promptTokens = call.promptTokens ?? 0;
      const callPrice = call.price ?? price;
      const left = tokensLeft(promptTokens, callPrice);
      if (left < 1) return refuse(promptTokens, callPrice);
      const cap = call.maxTokens ?? Number.POSITIVE_INFINITY;
      if (call.n * cap <= left) return { n: call.n, maxTokens: call.maxTokens };
      // Full caps for as many samples as fit.
      if (cap <= left) return { n: Math.floor(left / cap), maxTokens: call.maxTokens };
      const stats = call.kind === undefined ? undefined : kinds.get(call.kind);
      if (!stats) return { n: 1, maxTokens: left };
      if (left < stats.shortest) return refuse(promptTokens, callPrice);
      const samples = Math.max(1, Math.min(call.n, Math.floor(left / (stats.sum / stats.count))));
      return { n: samples, maxTokens: Math.min(cap, Math.floor(left / samples)) };
    },
    observe(kind, finished) {
      if (kind === undefined) return;
      for (const tokens of finished) {
        if (tokens < 1) continue;
        const stats = kinds.get(kind) ?? { count: 0, sum: 0, shortest: Number.POSITIVE_INFINITY };
        kinds.set(kind, { count: stats.count + 1, sum: stats.sum + tokens, shortest: Math.min(stats.shortest, tokens) });
      }
    },
  };
}
