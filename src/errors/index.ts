/** @module One base error with a stable code; every user-facing failure is a SlowthinkError. See docs/errors.md. */
import type { Effort, LedgerTotals, StopLimit } from '../spec/index.js';

const marker = Symbol.for('slowthink.error');

/** Stable codes: the CLI prints them, the server maps them to HTTP, docs/errors.md explains each. */
export const ERROR_CODES = {
  INVALID_ARGUMENT: 'ST_INVALID_ARGUMENT', // a bad option value, empty question, out-of-range number
  UNKNOWN_MODEL: 'ST_UNKNOWN_MODEL',
  UNKNOWN_STRATEGY: 'ST_UNKNOWN_STRATEGY',
  UNKNOWN_EFFORT: 'ST_UNKNOWN_EFFORT',
  UNKNOWN_TASK: 'ST_UNKNOWN_TASK',
  MODEL_UNAVAILABLE: 'ST_MODEL_UNAVAILABLE', // backend unreachable, weights missing
  MODEL_CALL_FAILED: 'ST_MODEL_CALL_FAILED', // backend answered with an error (auth, bad request, garbage)
  MODEL_RATE_LIMITED: 'ST_MODEL_RATE_LIMITED', // backend answered 429 after our one retry layer gave up
  MODEL_TIMEOUT: 'ST_MODEL_TIMEOUT', // backend did not answer in time
  BUDGET_TOO_SMALL: 'ST_BUDGET_TOO_SMALL', // the budget allows no answer at all
  ABORTED: 'ST_ABORTED',
  CONFIG: 'ST_CONFIG',
  STORE: 'ST_STORE',
  INTERNAL: 'ST_INTERNAL',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** What a request had done when it failed: the work is charged even when no answer came of it. */
export interface ErrorReport {
  model: string;
  effort: Effort;
  strategy: string;
  stoppedBy: StopLimit | null;
  totals: LedgerTotals;
}

export interface SlowthinkErrorOptions {
  hint?: string;
  retryable?: boolean;
  param?: string;
  cause?: unknown;
  /** HTTP status the backend answered with, when a backend failed. */
  upstreamStatus?: number;
  /** Seconds the backend asked us to wait (`retry-after`), when it said. */
  retryAfterSeconds?: number;
  report?: ErrorReport;
}

export class SlowthinkError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  /** How to fix it, in one sentence. */
  readonly hint: string | undefined;
  /** Worth retrying the same call (transient backend failure). */
  readonly retryable: boolean;
  /** The offending parameter, e.g. `effort` or `messages[2].content`. */
  readonly param: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The request's ledger, model and strategy at the failure; set by the engine. */
  readonly report: ErrorReport | undefined;

  constructor(code: ErrorCode, message: string, options: SlowthinkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlowthinkError';
    this.code = code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.param = options.param;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.report = options.report;
  }

  /** Survives duplicate copies of the package, unlike instanceof. */
  static isInstance(error: unknown): error is SlowthinkError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
