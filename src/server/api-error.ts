/** @module OpenAI's error envelope and the mapping from SlowthinkError codes to HTTP statuses. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { bounded, MAX_MESSAGE_CHARACTERS, scrubbed } from './bounded-text.js';

/** The `error` object every client parses: `{ error: { message, type, param, code } }`. */
export interface ApiErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
  /** slowthink's stable error code (`ST_…`), when the failure came from the engine. */
  x_slowthink_code?: string;
}

/** An HTTP failure to send as OpenAI's error envelope, with the headers its status needs. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Record<string, string>;
  readonly slowthinkCode: string | undefined;

  constructor(
    status: number,
    message: string,
    options: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string>; slowthinkCode?: string } = {},
  ) {
    // Whatever a message quotes from the request, the body and the log line stay small.
    super(bounded(message, MAX_MESSAGE_CHARACTERS));
    this.name = 'ApiError';
    this.status = status;
    this.type = options.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
    this.slowthinkCode = options.slowthinkCode;
  }

  /** The `error` object of the envelope. */
  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { message: this.message, type: this.type, param: this.param, code: this.code };
    if (this.slowthinkCode !== undefined) body.x_slowthink_code = this.slowthinkCode;
    return body;
  }
}

/** Headers that make clients wait `seconds` before retrying (never more than 60 s, which clients ignore or obey blindly). */
export function retryHeaders(seconds: number): Record<string, string> {
  const clamped = Math.min(60, Math.max(0, seconds));
  return { 'retry-after': String(Math.ceil(clamped)), 'retry-after-ms': String(Math.round(clamped * 1000)) };
}

/** A 400 for a request field we cannot honour, with the dotted `param` path clients show. */
export function invalidRequest(message: string, param: string | null, code = 'invalid_value'): ApiError {
  return new ApiError(400, message, { param, code });
}

/** The 404 OpenAI sends for a model id nobody serves. */
export function modelNotFound(model: string): ApiError {
  return new ApiError(404, `The model \`${bounded(model)}\` does not exist or is not served here.`, {
    param: 'model',
    code: 'model_not_found',
  });
}

/** The message and, when there is one, the hint: what the operator's log shows. */
export function withHint(error: SlowthinkError): string {
  return error.hint ? `${error.message} (${error.hint})` : error.message;
}

/** A hint that names a CLI command or flag was written for the terminal; an HTTP client gets the message alone. */
const CLI_HINT = /\bslowthink\s+[a-z]|(^|[\s(`])--[a-z]/;

/** What a 4xx body says of an engine error: the message, and the hint when it is not the CLI's. */
export function clientText(error: SlowthinkError): string {
  return error.hint && !CLI_HINT.test(error.hint) ? withHint(error) : error.message;
}

/** Upstream statuses that mean the request itself was refused (too long, malformed): the client can fix it. */
const CLIENT_FIXABLE_UPSTREAM = new Set([400, 413, 422]);

/**
 * A failure of the model backend, as the client sees it: never a 4xx that blames the client for the server's
 * credentials or network, always the backend's own wait when it named one, and never the backend's URL or the
 * server's variable names (the hint, written for the operator, stays in the log).
 */
function backendFailure(error: SlowthinkError, retryAfterSeconds: number): ApiError {
  const options = { param: error.param ?? null, slowthinkCode: error.code };
  const message = scrubbed(error.message);
  const wait = retryHeaders(error.retryAfterSeconds ?? retryAfterSeconds);
  switch (error.code) {
    case ERROR_CODES.MODEL_RATE_LIMITED:
      return new ApiError(429, message, { ...options, type: 'rate_limit_error', code: 'upstream_rate_limited', headers: wait });
    case ERROR_CODES.MODEL_TIMEOUT:
      return new ApiError(504, message, { ...options, code: 'upstream_timeout', headers: wait });
    case ERROR_CODES.MODEL_UNAVAILABLE:
      // Retryable: a backend down or failing (502). Not: the server's own state, e.g. weights missing (503, no retry).
      return error.retryable
        ? new ApiError(502, message, { ...options, code: 'upstream_unavailable', headers: wait })
        : new ApiError(503, message, { ...options, code: 'model_unavailable', headers: { ...wait, 'x-should-retry': 'false' } });
    default: {
      const status = error.upstreamStatus;
      if (status === 404) return new ApiError(404, message, { ...options, param: 'model', code: 'model_not_found' });
      if (status !== undefined && CLIENT_FIXABLE_UPSTREAM.has(status)) {
        return new ApiError(400, message, { ...options, code: 'upstream_rejected' });
      }
      if (status === 401 || status === 403) {
        // The server's key, not the client's: retrying cannot help until the operator fixes it.
        return new ApiError(502, message, { ...options, code: 'upstream_auth_failed', headers: { 'x-should-retry': 'false' } });
      }
      return new ApiError(502, message, {
        ...options,
        code: 'upstream_error',
        headers: error.retryable ? wait : { 'x-should-retry': 'false' },
      });
    }
  }
}

const BACKEND_CODES = new Set<string>([
  ERROR_CODES.MODEL_RATE_LIMITED,
  ERROR_CODES.MODEL_TIMEOUT,
  ERROR_CODES.MODEL_UNAVAILABLE,
  ERROR_CODES.MODEL_CALL_FAILED,
]);

/**
 * Turns any thrown value into an ApiError: a client's mistake is a 4xx, a backend failure a 429/502/503/504 with
 * `retry-after` when waiting helps, and only a bug is a 500 (with `x-should-retry: false`, so the openai SDK does not
 * re-run it).
 */
export function toApiError(error: unknown, retryAfterSeconds = 1): ApiError {
  if (error instanceof ApiError) return error;
  if (!SlowthinkError.isInstance(error)) {
    return new ApiError(500, 'The server had an error while processing your request.', {
      code: 'internal_error',
      headers: { 'x-should-retry': 'false' },
    });
  }
  if (BACKEND_CODES.has(error.code)) return backendFailure(error, retryAfterSeconds);
  const options = { param: error.param ?? null, slowthinkCode: error.code };
  switch (error.code) {
    case ERROR_CODES.UNKNOWN_MODEL:
      return new ApiError(404, scrubbed(withHint(error)), { ...options, param: error.param ?? 'model', code: 'model_not_found' });
    case ERROR_CODES.UNKNOWN_EFFORT:
    case ERROR_CODES.UNKNOWN_STRATEGY:
    case ERROR_CODES.UNKNOWN_TASK:
      return new ApiError(400, clientText(error), { ...options, code: 'unsupported_value' });
    case ERROR_CODES.INVALID_ARGUMENT:
    case ERROR_CODES.BUDGET_TOO_SMALL:
      return new ApiError(400, clientText(error), { ...options, code: 'invalid_value' });
    case ERROR_CODES.ABORTED:
      return new ApiError(499, clientText(error), { ...options, code: 'aborted' });
    default:
      // CONFIG, STORE, INTERNAL: the server's own failure; its message may name files and variables, so it stays in the log.
      return new ApiError(500, 'The server had an error while processing your request.', {
        ...options,
        code: 'internal_error',
        headers: { 'x-should-retry': 'false' },
      });
  }
}
