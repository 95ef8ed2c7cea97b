/** @module OpenAI's error envelope and the mapping from SlowthinkError codes to HTTP statuses. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

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
    super(message);
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
  return new ApiError(404, `The model \`${model}\` does not exist or is not served here.`, { param: 'model', code: 'model_not_found' });
}

function withHint(error: SlowthinkError): string {
  return error.hint ? `${error.message} (${error.hint})` : error.message;
}

/**
 * Turns any thrown value into an ApiError: a client's mistake is a 4xx, a transient backend failure a 502/503 with
 * `retry-after`, and only a bug is a 500 (with `x-should-retry: false`, so the openai SDK does not re-run it).
 */
export function toApiError(error: unknown, retryAfterSeconds = 1): ApiError {
  if (error instanceof ApiError) return error;
  if (!SlowthinkError.isInstance(error)) {
    return new ApiError(500, 'The server had an error while processing your request.', {
      code: 'internal_error',
      headers: { 'x-should-retry': 'false' },
    });
  }
  const options = { param: error.param ?? null, slowthinkCode: error.code };
  switch (error.code) {
    case ERROR_CODES.UNKNOWN_MODEL:
      return new ApiError(404, withHint(error), { ...options, param: error.param ?? 'model', code: 'model_not_found' });
    case ERROR_CODES.UNKNOWN_EFFORT:
    case ERROR_CODES.UNKNOWN_STRATEGY:
    case ERROR_CODES.UNKNOWN_TASK:
      return new ApiError(400, withHint(error), { ...options, code: 'unsupported_value' });
    case ERROR_CODES.INVALID_ARGUMENT:
    case ERROR_CODES.BUDGET_TOO_SMALL:
      return new ApiError(400, withHint(error), { ...options, code: 'invalid_value' });
    case ERROR_CODES.MODEL_UNAVAILABLE:
      // The server's own state (a backend down, weights missing): never the client's fault. Only a transient one is
      // worth retrying; the openai SDK honours x-should-retry, the others wait retry-after.
      return new ApiError(503, withHint(error), {
        ...options,
        code: 'model_unavailable',
        headers: { ...retryHeaders(retryAfterSeconds), ...(error.retryable ? {} : { 'x-should-retry': 'false' }) },
      });
    case ERROR_CODES.MODEL_CALL_FAILED:
      return error.retryable
        ? new ApiError(502, withHint(error), { ...options, code: 'upstream_error', headers: retryHeaders(retryAfterSeconds) })
        : new ApiError(400, withHint(error), { ...options, code: 'upstream_rejected' });
    case ERROR_CODES.ABORTED:
      return new ApiError(499, withHint(error), { ...options, code: 'aborted' });
    default:
      return new ApiError(500, withHint(error), { ...options, code: 'internal_error', headers: { 'x-should-retry': 'false' } });
  }
}
