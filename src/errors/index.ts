/** @module One base error with a stable code; every user-facing failure is a SlowthinkError. See docs/errors.md. */

const marker = Symbol.for('slowthink.error');

/** Stable codes: the CLI prints them, the server maps them to HTTP, docs/errors.md explains each. */
export const ERROR_CODES = {
  INVALID_ARGUMENT: 'ST_INVALID_ARGUMENT', // a bad option value, empty question, out-of-range number
  UNKNOWN_MODEL: 'ST_UNKNOWN_MODEL',
  UNKNOWN_STRATEGY: 'ST_UNKNOWN_STRATEGY',
  UNKNOWN_EFFORT: 'ST_UNKNOWN_EFFORT',
  UNKNOWN_TASK: 'ST_UNKNOWN_TASK',
  MODEL_UNAVAILABLE: 'ST_MODEL_UNAVAILABLE', // backend unreachable, weights missing
  MODEL_CALL_FAILED: 'ST_MODEL_CALL_FAILED', // backend answered with an error
  BUDGET_TOO_SMALL: 'ST_BUDGET_TOO_SMALL', // the budget allows no answer at all
  ABORTED: 'ST_ABORTED',
  CONFIG: 'ST_CONFIG',
  STORE: 'ST_STORE',
  INTERNAL: 'ST_INTERNAL',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class SlowthinkError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  /** How to fix it, in one sentence. */
  readonly hint: string | undefined;
  /** Worth retrying the same call (transient backend failure). */
  readonly retryable: boolean;
  /** The offending parameter, e.g. `effort` or `messages[2].content`. */
  readonly param: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; retryable?: boolean; param?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SlowthinkError';
    this.code = code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.param = options.param;
  }

  /** Survives duplicate copies of the package, unlike instanceof. */
  static isInstance(error: unknown): error is SlowthinkError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
