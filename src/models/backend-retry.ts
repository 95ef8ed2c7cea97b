/** @module The one retry policy for backend calls: how long to wait before the next attempt, and an abortable wait. */
import { MAX_RETRY_AFTER_MS } from './backend-errors.js';

export interface RetryPolicy {
  /** Attempts after the first; default 2. */
  maxRetries: number;
  /** First backoff when the backend names no wait; doubles per attempt. Default 500 ms. */
  baseDelayMs: number;
  /** Longest backoff; default 8 s. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Milliseconds to wait before retry number `retry` (0-based), or undefined to give up now: the backend's
 * `retry-after` when it named one (never past 60 s), else exponential backoff less up to 25 % jitter; never past
 * `deadline` (epoch ms), since a wait that outlives the request's time budget only delays its failure.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  options: { retryAfterMs?: number | undefined; deadline?: number | undefined; random?: () => number; now?: number } = {},
): number | undefined {
  if (retry >= policy.maxRetries) return undefined;
  const random = options.random ?? Math.random;
  let wait: number;
  if (options.retryAfterMs !== undefined) {
    if (options.retryAfterMs > MAX_RETRY_AFTER_MS) return undefined;
    wait = options.retryAfterMs;
  } else {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
    wait = backoff * (1 - 0.25 * random());
  }
  if (options.deadline !== undefined && (options.now ?? Date.now()) + wait >= options.deadline) return undefined;
  return wait;
}

/** Resolves after `milliseconds`, or at once with `false` when `signal` aborts (before or during the wait). */
export function waitUnlessAborted(milliseconds: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
