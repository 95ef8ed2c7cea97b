/** @module Backend failures as SlowthinkErrors that name the provider, never its URL, host or environment variables. */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** Where a failed call went, in words a user may see. */
export interface BackendLabel {
  provider: string;
  /** `provider:model`. */
  modelId: string;
}

/** The longest `retry-after` we wait for; a backend asking for more is given up on at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Milliseconds a response asked us to wait (`retry-after-ms`, else `retry-after` seconds or date), when it said. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const raw = headers?.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The backend's own words, without URLs or host:port pairs, short enough for a log line. */
function backendText(message: string): string {
  const cleaned = message
    .replace(/\bhttps?:\/\/\S+/gi, '<url>')
    .replace(/\b[\w.-]+:\d{2,5}\b/g, '<host>')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
}

/** Retryable per the one retry policy: 408/409/429/5xx, connection failures and timeouts. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A failure at the backend as a SlowthinkError; `SlowthinkError`s pass through unchanged. */
export function backendError(error: unknown, label: BackendLabel): SlowthinkError {
  if (SlowthinkError.isInstance(error)) return error;
  const where = `the configured backend for provider ${label.provider}`;
  if (error instanceof APIUserAbortError) {
    return new SlowthinkError(ERROR_CODES.ABORTED, `The call to ${label.modelId} was aborted`, { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) return timeoutError(label, error);
  if (error instanceof APIConnectionError) {
    return new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `Cannot reach ${where} (${label.modelId})`, {
      hint: `Check that the backend of provider ${label.provider} is running and its base URL is right.`,
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && error.status !== undefined) return statusError(error, error.status, label);
  // Garbage JSON, a cut connection, an error event inside a stream: the backend answered something unusable.
  const detail = error instanceof Error ? backendText(error.message) : 'unreadable answer';
  return new SlowthinkError(ERROR_CODES.MODEL_CALL_FAILED, `${where} (${label.modelId}) sent an unusable answer: ${detail}`, {
    hint: 'The backend or a proxy in front of it is misbehaving; retry later.',
    retryable: true,
    cause: error,
  });
}

/** The backend did not answer in time. */
export function timeoutError(label: BackendLabel, cause?: unknown): SlowthinkError {
  return new SlowthinkError(
    ERROR_CODES.MODEL_TIMEOUT,
    `The configured backend for provider ${label.provider} (${label.modelId}) did not answer in time`,
    {
      hint: 'The backend is slow or overloaded; retry later or raise the model timeout.',
      retryable: true,
      cause,
    },
  );
}

function statusError(error: APIError, status: number, label: BackendLabel): SlowthinkError {
  const where = `the configured backend for provider ${label.provider}`;
  const text = backendText(error.message);
  const wait = retryAfterMs(error.headers);
  const retryAfterSeconds = wait === undefined ? undefined : Math.ceil(wait / 1000);
  const common = { cause: error, upstreamStatus: status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
  if (status === 429) {
    return new SlowthinkError(ERROR_CODES.MODEL_RATE_LIMITED, `${where} rate-limited the call to ${label.modelId} (429): ${text}`, {
      ...common,
      hint: 'Wait and retry, lower the effort, or raise the rate limit of the key.',
      retryable: true,
    });
  }
  if (status === 408) return timeoutError(label, error);
  if (status >= 500) {
    return new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `${where} failed the call to ${label.modelId} (${status}): ${text}`, {
      ...common,
      hint: 'The backend failed; retry later.',
      retryable: true,
    });
  }
  const hints: Record<number, string> = {
    401: `The backend refused the API key of provider ${label.provider}: check that a valid key is configured for it.`,
    403: `The API key of provider ${label.provider} has no access to this model: check the key's permissions.`,
    404: 'Check the model name: the backend does not know it.',
  };
  return new SlowthinkError(ERROR_CODES.MODEL_CALL_FAILED, `${where} rejected the call to ${label.modelId} (${status}): ${text}`, {
    ...common,
    hint: hints[status] ?? 'The backend rejected the request.',
    retryable: status === 409,
  });
}
