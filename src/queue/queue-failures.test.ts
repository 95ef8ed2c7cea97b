/**
 * The failures a queued bench must survive (issue #16), with a real redis-server and real worker processes: a worker
 * killed mid-job, Redis restarted mid-run, the coordinator killed and resumed. Each job's row must be written once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeSolver } from '../bench/run/fake-solver.js';
import { type BenchOptions, startBench } from '../bench/run/run-bench.js';
import { RunStore, type StoredResult } from '../store/index.js';
import { type CliProcess, startCli, startFakeWorker } from '../testing/cli-process.js';
import { type RedisServer, redisServerMissing, startRedisServer } from '../testing/redis-server.js';
import { queueExecutorFactory } from './index.js';
import { QUEUE_NAMES, QUEUE_PREFIX } from './queue-names.js';

const missing = redisServerMissing();
if (missing !== undefined) console.warn(missing);

function dataset(folder: string, count: number): string {
  const path = join(folder, 'problems.jsonl');
  const lines = Array.from({ length: count }, (_, index) =>
    JSON.stringify({ question: `What is ${index} + ${index}?`, answer: String(2 * index) }),
  );
  writeFileSync(path, lines.join('\n'));
  return path;
}

const doneLines = (worker: CliProcess) => worker.output().match(/^worker: done /gm) ?? [];
const byJob = (results: StoredResult[]) =>
  new Map(
    results.map((result) => [
      `${result.problemId}|${result.config}`,
      [result.answer, result.correct, result.promptTokens, result.completionTokens],
    ]),
  );

describe.skipIf(missing !== undefined)('a queued bench survives failures', () => {
  let redis: RedisServer;
  let folder: string;
  const processes: CliProcess[] = [];
  const warnings: string[] = [];
  const track = (process: CliProcess) => {
    processes.push(process);
    return process;
  };

  beforeEach(async () => {
    redis = await startRedisServer();
    folder = mkdtempSync(join(tmpdir(), 'slowthink-queue-'));
    warnings.length = 0;
  });
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((process) => process.kill()));
    await redis.stop();
  });

  const queuedBench = (store: RunStore, options: Partial<BenchOptions> & { task: string; n: number }, onRecord?: () => void) =>
    startBench(
      { model: 'fake:test', efforts: 'none', seed: 7, concurrency: 1, ...options },
      {
        store,
        solve: createFakeSolver(),
        lookupTask: () => undefined,
        allowUnknownStrategies: true,
        createExecutor: queueExecutorFactory(redis.url, (message) => warnings.push(message)),
        ...(onRecord === undefined ? {} : { onRecord }),
      },
    );

  it('kill -9 of a worker mid-job: another worker redoes the job, and each job is written once', async () => {
    const doomed = track(startFakeWorker(redis.url, { delayMs: 5000 }));
    await doomed.waitFor(/ready/);
    const store = RunStore.open(':memory:');
    const running = queuedBench(store, { task: `jsonl:${dataset(folder, 6)}`, n: 6 });
    const queue = new Queue(QUEUE_NAMES.bench, { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    while ((await queue.getJobCounts('active'))['active'] === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    await queue.close();
    await doomed.kill();
    const rescuer = track(startFakeWorker(redis.url, { delayMs: 20 }));
    const outcome = await running;
    expect(outcome.complete).toBe(true);
    expect(store.countResults(outcome.run.id)).toEqual({ rows: 6, distinct: 6 });
    expect(store.results(outcome.run.id).filter((result) => result.error !== null)).toEqual([]);
    // The killed worker finished nothing; the rescuer ran all six, the stalled one included, each once.
    expect(doneLines(doomed)).toEqual([]);
    expect(doneLines(rescuer)).toHaveLength(6);
  }, 60_000);

  it('SIGTERM (docker stop) lets a worker finish the job in hand, and the run completes on another worker', async () => {
    const stopping = track(startFakeWorker(redis.url, { delayMs: 1500 }));
    await stopping.waitFor(/ready/);
    const store = RunStore.open(':memory:');
    const running = queuedBench(store, { task: `jsonl:${dataset(folder, 3)}`, n: 3 });
    const queue = new Queue(QUEUE_NAMES.bench, { connection: { url: redis.url }, prefix: QUEUE_PREFIX });
    while ((await queue.getJobCounts('active'))['active'] === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    await queue.close();
    stopping.child.kill('SIGTERM');
    expect(await stopping.exited).toMatchObject({ code: 0 });
    expect(doneLines(stopping)).toHaveLength(1);
    track(startFakeWorker(redis.url, { delayMs: 0 }));
    const outcome = await running;
    expect(store.countResults(outcome.run.id)).toEqual({ rows: 3, distinct: 3 });
  }, 60_000);

  it('Redis restarted mid-run (its data gone): worker and coordinator reconnect, nothing is lost or written twice', async () => {
    const worker = track(startFakeWorker(redis.url, { delayMs: 150, concurrency: 2 }));
    await worker.waitFor(/ready/);
    const store = RunStore.open(':memory:');
    let stored = 0;
    let restarted: Promise<void> | undefined;
    const outcome = await queuedBench(store, { task: `jsonl:${dataset(folder, 8)}`, n: 8, efforts: 'none,high' }, () => {
      stored++;
      if (stored === 3) restarted = redis.restart({ downMs: 500 });
    });
    await restarted;
    expect(outcome.complete).toBe(true);
    expect(store.countResults(outcome.run.id)).toEqual({ rows: 16, distinct: 16 });
    expect(store.results(outcome.run.id).filter((result) => result.error !== null)).toEqual([]);
    expect(warnings.join('\n')).toMatch(/missing from Redis .*enqueued again/);
    // The worker kept going after the restart: it alone finished the jobs the coordinator enqueued again.
    expect(doneLines(worker).length).toBeGreaterThan(16 - stored);
  }, 60_000);

  it('the coordinator killed: bench --resume finishes the run with the results of an in-process run, each job run once', async () => {
    const task = `jsonl:${dataset(folder, 10)}`;
    const options = { task, n: 10, efforts: 'none,high', strategies: 'self-consistency:n=4' };
    const reference = RunStore.open(':memory:');
    const inProcess = await startBench(
      { ...options, model: 'fake:test', seed: 7, concurrency: 2 },
      { store: reference, solve: createFakeSolver(), lookupTask: () => undefined, allowUnknownStrategies: true },
    );

    const worker = track(startFakeWorker(redis.url, { delayMs: 40, concurrency: 2 }));
    await worker.waitFor(/ready/);
    const storePath = join(folder, 'runs.db');
    const common = ['--store', storePath, '--out', join(folder, 'report'), '--no-png', '--redis', redis.url];
    const fake = { SLOWTHINK_BENCH_SOLVER: 'fake' };
    const coordinator = track(
      startCli(
        'bench',
        ['bench', '--task', task, '--efforts', options.efforts, '--strategies', options.strategies, '--n', '10', '--seed', '7', ...common],
        fake,
      ),
    );
    const rows = () => {
      const store = RunStore.open(storePath);
      try {
        const run = store.listRuns()[0];
        return run === undefined ? { runId: undefined, rows: 0 } : { runId: run.id, rows: store.countResults(run.id).rows };
      } finally {
        store.close();
      }
    };
    let seen = rows();
    while (seen.rows < 8) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      seen = rows();
    }
    await coordinator.kill();
    expect(seen.rows).toBeLessThan(30);
    // Workers keep going with no coordinator listening; the resumed coordinator collects what they finished meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const resumed = track(startCli('bench', ['bench', '--resume', String(seen.runId), ...common], fake));
    expect(await resumed.exited, resumed.output()).toMatchObject({ code: 0 });

    const store = RunStore.open(storePath);
    const runId = String(seen.runId);
    expect(store.countResults(runId)).toEqual({ rows: 30, distinct: 30 });
    expect(store.getRun(runId).status).toBe('completed');
    expect(byJob(store.results(runId))).toEqual(byJob(reference.results(inProcess.run.id)));
    store.close();
    expect(doneLines(worker)).toHaveLength(30);
  }, 90_000);
});
