/** The fleet-wide token bucket on a real redis-server: two "workers" (two connections) share one backend's limits. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisServerMissing, startRedisServer } from '../testing/redis-server.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { rateLimitKey } from './queue-names.js';
import { estimateCallTokens, withRateLimit } from './rate-limited-model.js';
import { createRedisRateLimiter } from './rate-limiter.js';

const missing = redisServerMissing();
if (missing !== undefined) console.warn(missing);

describe.skipIf(missing !== undefined)('rate limiter across workers', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  const client = () => {
    const created = new Redis(redis.url);
    clients.push(created);
    return created;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const created of clients) created.disconnect();
    await redis?.stop();
  });

  // Two limiters on two connections take turns from one bucket; returns when each acquisition was granted (ms from start).
  async function grants(limits: { requestsPerMinute?: number; tokensPerMinute?: number }, backend: string, calls: number, tokens: number) {
    const workers = [createRedisRateLimiter(client(), limits), createRedisRateLimiter(client(), limits)];
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: calls }, async (_, index) => {
        await workers[index % 2]?.acquire(backend, { requests: 1, tokens });
        times.push(performance.now() - started);
      }),
    );
    return times.sort((left, right) => left - right);
  }

  it('requests per minute: a minute’s worth at once, then the refill rate, whichever worker asks', async () => {
    // 120 a minute = a burst of 120, then one every 500 ms: the 124th waits about 2 s.
    const times = await grants({ requestsPerMinute: 120 }, 'rpm-backend', 124, 0);
    // Relative to each other, so a loaded CI machine does not matter: the burst comes at once, the rest a refill later.
    expect(Number(times[123]) - Number(times[119])).toBeGreaterThan(1500);
    expect(times[123]).toBeGreaterThan(1700);
    expect(times[123]).toBeLessThan(8000);
  }, 20_000);

  it('tokens per minute: calls wait for their tokens', async () => {
    // 6000 a minute = 100 a second; 60 calls of 100 tokens empty the bucket, the 62nd waits about 2 s.
    const times = await grants({ tokensPerMinute: 6000 }, 'tpm-backend', 62, 100);
    expect(Number(times[61]) - Number(times[59])).toBeGreaterThan(1500);
    expect(times[61]).toBeLessThan(8000);
  }, 20_000);

  it('a limited model charges its call’s estimate up front, then settles to the tokens really used', async () => {
    const inner = createScriptedModel({ responses: ['A: 42'], id: 'scripted:limited' });
    const limiter = createRedisRateLimiter(client(), { tokensPerMinute: 60_000 });
    const model = withRateLimit(inner, limiter);
    const request = { messages: [{ role: 'user' as const, content: 'What is 6*7?' }], maxTokens: 500, n: 2 };
    expect(estimateCallTokens(request)).toBeGreaterThan(1000);
    const result = await model.doGenerate(request);
    const used = (result.usage.promptTokens ?? 0) + (result.usage.completionTokens ?? 0);
    expect(used).toBeLessThan(50);
    const left = Number(await client().hget(rateLimitKey('scripted:limited'), 't'));
    // Refill during the call is 1000 tokens a second at most, and the bucket never holds more than its minute.
    expect(left).toBeGreaterThanOrEqual(60_000 - used - 1);
    expect(left).toBeLessThanOrEqual(60_000);
    expect(inner.calls).toHaveLength(1);
  });

  it('a refund never fills the bucket past a minute’s worth', async () => {
    const limiter = createRedisRateLimiter(client(), { tokensPerMinute: 60_000 });
    await limiter.acquire('refund-backend', { requests: 1, tokens: 100 });
    // The call used nothing, and the refill had already topped the bucket up: the refund is capped, not added on top.
    await new Promise((done) => setTimeout(done, 150));
    await limiter.settle('refund-backend', -100);
    expect(Number(await client().hget(rateLimitKey('refund-backend'), 't'))).toBeLessThanOrEqual(60_000);
  });

  it('stops waiting when the call is aborted, and lets calls through when Redis is unreachable', async () => {
    const limiter = createRedisRateLimiter(client(), { requestsPerMinute: 1 });
    await limiter.acquire('abort-backend', { requests: 1, tokens: 0 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await limiter.acquire('abort-backend', { requests: 1, tokens: 0 }, controller.signal);
    expect(performance.now() - started).toBeLessThan(2000);

    const errors: Error[] = [];
    const offline = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    offline.on('error', () => {});
    clients.push(offline);
    await createRedisRateLimiter(offline, { requestsPerMinute: 1 }, (error) => errors.push(error)).acquire('x', { requests: 1, tokens: 0 });
    expect(errors.length).toBeGreaterThan(0);
  });
});
