/** End to end with the real embedded model: a bench through Redis and a `slowthink worker` equals the same bench in process. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineSolver } from '../bench/run/engine-solver.js';
import { startBench } from '../bench/run/run-bench.js';
import { RunStore, type StoredResult } from '../store/index.js';
import { listTasks } from '../tasks/index.js';
import { type CliProcess, startCli } from '../testing/cli-process.js';
import { type RedisServer, redisServerMissing, startRedisServer } from '../testing/redis-server.js';
import { answersEquivalent } from '../verify/index.js';
import { queueExecutorFactory } from './index.js';
import { rateLimitKey } from './queue-names.js';

const weights = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');
const skip = redisServerMissing() ?? (existsSync(weights) ? undefined : 'models/slowthink-mini.gguf is missing');
if (skip !== undefined) console.warn(skip);

const lookupTask = (name: string) => listTasks().find((task) => task.name === name);
const byJob = (results: StoredResult[]) =>
  new Map(
    results.map((result) => [
      `${result.problemId}|${result.config}`,
      [result.answer, result.correct, result.promptTokens, result.completionTokens, result.samples],
    ]),
  );

describe.skipIf(skip !== undefined)('queued bench on the embedded model', () => {
  let redis: RedisServer | undefined;
  let worker: CliProcess | undefined;
  afterAll(async () => {
    await worker?.kill();
    await redis?.stop();
    const { closeModels } = await import('../models/registry.js');
    await closeModels();
  });

  it('gives the same answers and token counts as an in-process run with the same seeds', async () => {
    redis = await startRedisServer();
    // A generous limit, so it never waits here: what is checked is that every model call goes through the bucket.
    worker = startCli('cli', ['worker', '--redis', redis.url, '--requests-per-minute', '6000']);
    const options = { task: 'arithmetic', model: 'slowthink-mini', efforts: 'none,low', n: 3, seed: 1_000_001, concurrency: 1 };
    const solve = createEngineSolver({ model: 'slowthink-mini' });
    const common = { solve, lookupTask, equivalent: answersEquivalent };

    const local = RunStore.open(':memory:');
    const inProcess = await startBench(options, { ...common, store: local });
    await worker.waitFor(/ready/);
    const queued = RunStore.open(':memory:');
    const viaQueue = await startBench(options, { ...common, store: queued, createExecutor: queueExecutorFactory(redis.url, () => {}) });

    expect(viaQueue.complete).toBe(true);
    expect(queued.countResults(viaQueue.run.id)).toEqual({ rows: 6, distinct: 6 });
    const expected = byJob(local.results(inProcess.run.id));
    expect(byJob(queued.results(viaQueue.run.id))).toEqual(expected);
    // Real work happened: the model generated tokens for every job, each job ran once on the worker.
    expect([...expected.values()].every(([, , , completion]) => Number(completion) > 0)).toBe(true);
    expect(worker.output().match(/^worker: done /gm)).toHaveLength(6);
    const calls = queued.results(viaQueue.run.id).reduce((sum, result) => sum + result.calls, 0);
    const bucket = new Redis(redis.url);
    const left = Number(await bucket.hget(rateLimitKey('embedded:slowthink-mini'), 'r'));
    bucket.disconnect();
    // Refill is 100 a second, so the bucket may have regained some; it cannot hold more than 6000 minus the calls made.
    expect(calls).toBeGreaterThan(0);
    expect(left).toBeLessThan(6000);
    expect(left).toBeGreaterThanOrEqual(6000 - calls);
  }, 120_000);
});
