import { describe, expect, it } from 'vitest';
import { createQueueExecutor } from './queue-executor.js';

const job = {
  problem: { id: 'p1', task: 'jsonl', question: 'What is 1 + 1?', answer: '2' },
  config: { key: 'effort=none', options: {} },
  seed: 1,
};

describe('queue executor', () => {
  it('fails fast as bad input naming --redis when nothing answers there, and says how to resume', async () => {
    const executor = createQueueExecutor({
      redisUrl: 'redis://127.0.0.1:1',
      settings: { runId: 'run-1', model: 'slowthink-mini', verifier: 'checker' },
      connectTimeoutMs: 1000,
    });
    const started = performance.now();
    const run = executor.run(
      [job],
      async () => Promise.reject(new Error('not called')),
      () => {},
      new AbortController().signal,
    );
    await expect(run).rejects.toMatchObject({
      code: 'ST_INVALID_ARGUMENT',
      param: 'redis',
      message: expect.stringContaining('Cannot reach Redis at 127.0.0.1:1'),
      hint: expect.stringContaining('--resume run-1'),
    });
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
