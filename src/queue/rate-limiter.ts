/** @module A token bucket in Redis per backend (requests and tokens per minute), shared by every worker on every machine. */
import type { Redis } from 'ioredis';
import { rateLimitKey } from './queue-names.js';

/** Limits of one backend; an absent limit is no limit. All workers of a fleet should pass the same numbers. */
export interface RateLimits {
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

// One atomic step: refill both buckets by the time elapsed on Redis's clock (one clock for all machines), then either
// take what is asked (returns 0) or say how many ms to wait. `force` takes it anyway (settling a call's real usage).
const BUCKET_SCRIPT = `
local rpm = tonumber(ARGV[1]); local tpm = tonumber(ARGV[2])
local requests = tonumber(ARGV[3]); local tokens = tonumber(ARGV[4]); local force = ARGV[5] == '1'
local time = redis.call('TIME'); local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'r', 't', 'ts')
local r = tonumber(state[1]) or rpm; local t = tonumber(state[2]) or tpm; local ts = tonumber(state[3]) or now
local elapsed = math.max(0, now - ts)
if rpm > 0 then r = math.min(rpm, r + elapsed * rpm / 60000) end
if tpm > 0 then t = math.min(tpm, t + elapsed * tpm / 60000) end
local wait = 0
if not force then
  if rpm > 0 and r < requests then wait = math.max(wait, (requests - r) * 60000 / rpm) end
  local needed = math.min(tokens, tpm)
  if tpm > 0 and t < needed then wait = math.max(wait, (needed - t) * 60000 / tpm) end
end
if wait == 0 then r = r - requests; t = t - tokens end
-- A settled refund (negative tokens) after a refill must not hold more than a minute's worth: that would allow a burst
-- above the limit.
if tpm > 0 and t > tpm then t = tpm end
redis.call('HSET', KEYS[1], 'r', tostring(r), 't', tostring(t), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return math.ceil(wait)
`;

/** Waits for room in a backend's buckets before a call, and settles the call's real token count after it. */
export interface RateLimiter {
  /** Resolves when `requests` and `tokens` were taken, or at once when `signal` aborts. */
  acquire(backend: string, amount: { requests: number; tokens: number }, signal?: AbortSignal): Promise<void>;
  /** Adds the difference between a call's real tokens and its estimate (negative gives tokens back). */
  settle(backend: string, tokenDelta: number): Promise<void>;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * A limiter over one Redis connection. It fails open: when Redis cannot answer, calls go ahead (the backend's own 429s
 * and our retries still protect it) rather than a limiter outage stopping the fleet.
 */
export function createRedisRateLimiter(redis: Redis, limits: RateLimits, onError: (error: Error) => void = () => {}): RateLimiter {
  const rpm = limits.requestsPerMinute ?? 0;
  const tpm = limits.tokensPerMinute ?? 0;
  const step = async (backend: string, requests: number, tokens: number, force: boolean): Promise<number> => {
    try {
      const wait = await redis.eval(BUCKET_SCRIPT, 1, rateLimitKey(backend), rpm, tpm, requests, Math.round(tokens), force ? '1' : '0');
      return Number(wait);
    } catch (error) {
      onError(error as Error);
      return 0;
    }
  };
  return {
    async acquire(backend, amount, signal) {
      if (rpm <= 0 && tpm <= 0) return;
      while (!signal?.aborted) {
        const wait = await step(backend, amount.requests, amount.tokens, false);
        if (wait <= 0) return;
        // A little jitter so the workers a refill wakes do not all ask in the same millisecond.
        await sleep(wait + Math.floor(Math.random() * 25), signal);
      }
    },
    async settle(backend, tokenDelta) {
      if (tpm <= 0 || tokenDelta === 0) return;
      await step(backend, 0, tokenDelta, true);
    },
  };
}
