import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

describe('ConcurrencyLimiter', () => {
  it('queues requests first come first served, and lets them in as slots free', async () => {
    const limiter = new ConcurrencyLimiter(2, { maxQueued: 3, maxWaitMs: 1000 });
    const first = await limiter.acquire(2);
    const order: string[] = [];
    const inLine = (count: number, name: string) =>
      limiter.acquire(count).then((release) => {
        order.push(name);
        return release;
      });
    const second = inLine(1, 'second');
    const third = inLine(2, 'third');
    const fourth = inLine(1, 'fourth');
    expect(limiter.queued).toBe(3);
    first?.();
    (await second)?.();
    (await third)?.();
    (await fourth)?.();
    expect(order).toEqual(['second', 'third', 'fourth']); // the small fourth did not overtake the large third
    expect(limiter.active).toBe(0);
  });

  it('refuses at once when the line is full, after maxWaitMs, beyond max, and when the client leaves', async () => {
    const limiter = new ConcurrencyLimiter(1, { maxQueued: 1, maxWaitMs: 30 });
    const held = await limiter.acquire(1);
    const waiting = limiter.acquire(1);
    expect(await limiter.acquire(1)).toBeUndefined(); // line full
    expect(await waiting).toBeUndefined(); // waited 30 ms
    expect(await limiter.acquire(2)).toBeUndefined(); // can never fit
    const controller = new AbortController();
    const leaving = limiter.acquire(1, controller.signal);
    controller.abort();
    expect(await leaving).toBeUndefined();
    expect(limiter.queued).toBe(0);
    held?.();
    held?.(); // twice gives back once
    expect(limiter.active).toBe(0);
  });
});
