/** A worker in this process against a real redis-server: bad jobs, retries with backoff, duplicate ids. */
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGrader } from '../bench/problems/problem-source.js';
import { createFakeSolver } from '../bench/run/fake-solver.js';
import type { Solver } from '../bench/run/job-record.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { JobRecord } from '../store/index.js';
import { type RedisServer, redisServerMissing, startRedisServer } from '../testing/redis-server.js';
import { benchJobId, benchJobPayload } from './bench-job-payload.js';
import { type BenchWorker, createBenchWorker } from './bench-worker.js';
import { BENCH_JOB_NAME, QUEUE_NAMES, QUEUE_PREFIX } from './queue-names.js';

const missing = redisServerMissing();
if (missing !== undefined) console.warn(missing);

const problem = (index: number) => ({
  id: `p${index}`,
  task: 'jsonl',
  question: `What is ${index} + ${index}?`,
  answer: String(2 * index),
});
const settings = { runId: 'worker-test', model: 'slowthink-mini', verifier: 'checker' as const };
const grade = createGrader(() => undefined);

describe.skipIf(missing !== undefined)('bench worker on a real Redis', () => {
  let redis: RedisServer;
  let queue: Queue;
  let events: QueueEvents;
  let worker: BenchWorker | undefined;
  let solve: Solver = createFakeSolver();
  const solved: string[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const connection = { url: redis.url };
    queue = new Queue(QUEUE_NAMES.bench, { connection, prefix: QUEUE_PREFIX });
    events = new QueueEvents(QUEUE_NAMES.bench, { connection, prefix: QUEUE_PREFIX });
    await events.waitUntilReady();
    worker = createBenchWorker({
      redisUrl: redis.url,
      concurrency: 1,
      grade,
      solverFor: () => (problemArg, config, context) => {
        solved.push(`${problemArg.id}|${config.key}`);
        return solve(problemArg, config, context);
      },
    });
  });
  afterAll(async () => {
    await worker?.close(true);
    await events?.close();
    await queue?.close();
    await redis?.stop();
  });

  const add = (data: unknown, jobId: string, attempts = 3) =>
    queue.add(BENCH_JOB_NAME, data, { jobId, attempts, backoff: { type: 'fixed', delay: 50 } });

  it('fails malformed and unknown-strategy jobs at once with a clear reason, and runs the job behind them', async () => {
    const malformed = await add({ version: 1, runId: 'x', seed: 'seven' }, 'bad-1');
    const unknown = await add(
      benchJobPayload({ problem: problem(1), config: { key: 'telepathy', strategy: 'telepathy', options: {} }, seed: 3 }, settings),
      'bad-2',
    );
    const good = await add(
      benchJobPayload({ problem: problem(2), config: { key: 'effort=low', effort: 'low', options: {} }, seed: 3 }, settings),
      'good-1',
    );
    await expect(malformed.waitUntilFinished(events)).rejects.toThrow(/ST_INVALID_ARGUMENT: malformed bench job: problem/);
    await expect(unknown.waitUntilFinished(events)).rejects.toThrow(/ST_UNKNOWN_STRATEGY: Unknown strategy "telepathy"/);
    const record = (await good.waitUntilFinished(events)) as JobRecord;
    expect(record).toMatchObject({ problemId: 'p2', config: 'effort=low', error: null });
    // Unrecoverable: one attempt each, not three.
    expect((await queue.getJob('bad-1'))?.attemptsMade).toBe(1);
    expect((await queue.getJob('bad-2'))?.attemptsMade).toBe(1);
    expect(solved).toEqual(['p2|effort=low']);
  });

  it('retries a retryable backend failure with backoff, and keeps the last failure as a record when attempts run out', async () => {
    const failures = new Map<string, number>();
    const fake = createFakeSolver();
    solve = async (problemArg, config, context) => {
      const count = failures.get(problemArg.id) ?? 0;
      if (problemArg.id === 'p4' || count === 0) {
        failures.set(problemArg.id, count + 1);
        throw new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, 'connection refused', { retryable: true });
      }
      return fake(problemArg, config, context);
    };
    const config = { key: 'effort=none', effort: 'none' as const, options: {} };
    const flaky = await add(benchJobPayload({ problem: problem(3), config, seed: 1 }, settings), 'flaky', 3);
    const down = await add(benchJobPayload({ problem: problem(4), config, seed: 1 }, settings), 'down', 2);
    const recovered = (await flaky.waitUntilFinished(events)) as JobRecord;
    expect(recovered.error).toBeNull();
    expect(failures.get('p3')).toBe(1);
    const gaveUp = (await down.waitUntilFinished(events)) as JobRecord;
    expect(gaveUp.error).toMatch(/ST_MODEL_UNAVAILABLE: connection refused \(retryable backend failure, 2 attempts\)/);
    expect(failures.get('p4')).toBe(2);
    solve = createFakeSolver();
  });

  it('runs a job added twice under its id once', async () => {
    const before = solved.length;
    const payload = benchJobPayload(
      { problem: problem(5), config: { key: 'effort=high', effort: 'high', options: {} }, seed: 9 },
      settings,
    );
    const id = benchJobId(settings.runId, 'p5', 'effort=high', 9);
    const [first, second] = await Promise.all([add(payload, id), add(payload, id)]);
    expect(second?.id).toBe(first?.id);
    await first.waitUntilFinished(events);
    // Added again once finished (a resumed coordinator re-enqueues): still the one finished job, not a new run of it.
    const again = await add(payload, id);
    expect(await again.getState()).toBe('completed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(solved.slice(before)).toEqual(['p5|effort=high']);
  });
});

describe.skipIf(missing !== undefined)('bench worker without Redis', () => {
  it('still stops when Redis went away for good (SIGTERM must not hang a worker)', async () => {
    const redis = await startRedisServer();
    const lines: string[] = [];
    const worker = createBenchWorker({
      redisUrl: redis.url,
      grade,
      solverFor: () => createFakeSolver(),
      onLog: (line) => lines.push(line),
    });
    await worker.worker.waitUntilReady();
    await redis.stop();
    // Once the client is reconnecting, BullMQ's own close waits for it forever; ours leaves 5 s after the last job.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = performance.now();
    await worker.close();
    expect(performance.now() - started).toBeLessThan(9000);
    expect(lines.some((line) => line.startsWith('redis: '))).toBe(true);
  }, 20_000);
});
