/**
 * @module The coordinator side of a queued bench: enqueues a run's jobs with ids derived from run, problem, config and
 * seed, and hands each result back to the bench (which writes it to the run store) exactly once per job.
 */
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { BenchJob, Executor } from '../bench/run/runner.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { JobRecord } from '../store/index.js';
import { benchJobId, benchJobPayload, type RunSettings } from './bench-job-payload.js';
import { jobRecordFromQueue } from './job-result.js';
import { BENCH_JOB_NAME, QUEUE_NAMES, QUEUE_PREFIX } from './queue-names.js';
import { redisConnection } from './redis-url.js';

/** How a run uses the queue. */
export interface QueueExecutorOptions {
  redisUrl: string;
  settings: RunSettings;
  /** Attempts per job for retryable backend failures (default 3), with exponential backoff from `backoffMs` (default 2 s). */
  attempts?: number;
  backoffMs?: number;
  /**
   * How often every outstanding job is looked up, events or not (default 2 s, and 1 ms per outstanding job when that is
   * longer, so a big run's look-ups stay a small share of a core): events can be missed, job state cannot.
   */
  reconcileMs?: number;
  /** How long Redis may take to answer at the start before the run fails as bad input (default 10 s). */
  connectTimeoutMs?: number;
  onWarning?: (message: string) => void;
}

const CHUNK = 200;

async function inChunks<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await Promise.all(items.slice(start, start + CHUNK).map(each));
}

/** Closes BullMQ clients; one that never connected waits forever in close(), so it is cut off after 2 s. */
async function closeClients(clients: Array<Queue | QueueEvents>): Promise<void> {
  await Promise.all(
    clients.map(async (client) => {
      const cutOff = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
      const closed = await Promise.race([
        client.close().then(
          () => true,
          () => true,
        ),
        cutOff,
      ]);
      if (!closed) client.disconnect().catch(() => {});
    }),
  );
}

/** Fails fast when Redis is not there at the start (a typo, a stopped server) instead of waiting in silence. */
async function ensureReachable(queue: Queue, options: QueueExecutorOptions): Promise<void> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ready = queue.waitUntilReady().then(
    () => true,
    () => false,
  );
  const reached = await Promise.race([ready, timedOut]);
  clearTimeout(timer);
  if (!reached)
    throw new SlowthinkError(
      ERROR_CODES.INVALID_ARGUMENT,
      `Cannot reach Redis at ${new URL(options.redisUrl).host} (--redis) within ${timeoutMs / 1000} s`,
      {
        hint: `Start redis-server there or fix --redis; the run is stored: slowthink bench --resume ${options.settings.runId} --redis URL`,
        param: 'redis',
      },
    );
}

/** An executor that runs the jobs on `slowthink worker`s through BullMQ instead of in this process. */
export function createQueueExecutor(options: QueueExecutorOptions): Executor {
  return {
    async run(jobs, _handler, onRecord, signal) {
      if (jobs.length === 0) return;
      const connection = redisConnection(options.redisUrl);
      const queue = new Queue(QUEUE_NAMES.bench, { connection, prefix: QUEUE_PREFIX });
      const events = new QueueEvents(QUEUE_NAMES.bench, { connection, prefix: QUEUE_PREFIX });
      let connected = false;
      // Before the first connection the reachability check speaks; after it, connection errors are worth a line.
      const warn = (message: string) => options.onWarning?.(message);
      queue.on('error', (error) => connected && warn(`redis: ${error.message}`));
      events.on('error', (error) => connected && warn(`redis events: ${error.message}`));
      try {
        await ensureReachable(queue, options);
      } catch (error) {
        await closeClients([events, queue]);
        throw error;
      }
      connected = true;
      const pending = new Map<string, BenchJob>();
      for (const job of jobs) pending.set(benchJobId(options.settings.runId, job.problem.id, job.config.key, job.seed), job);
      const woken = new Set<string>();
      let wake: () => void = () => {};
      const onEvent = ({ jobId }: { jobId: string }) => {
        if (!pending.has(jobId)) return;
        woken.add(jobId);
        wake();
      };
      events.on('completed', onEvent);
      events.on('failed', onEvent);
      const jobOptions = {
        attempts: options.attempts ?? 3,
        backoff: { type: 'exponential', delay: options.backoffMs ?? 2000 },
        // Finished jobs stay until the coordinator has stored them, then it removes them.
        removeOnComplete: false,
        removeOnFail: false,
      };

      const enqueue = async (ids: string[]) => {
        for (let start = 0; start < ids.length; start += CHUNK) {
          await queue.addBulk(
            ids.slice(start, start + CHUNK).flatMap((id) => {
              const job = pending.get(id);
              if (job === undefined) return [];
              return [{ name: BENCH_JOB_NAME, data: benchJobPayload(job, options.settings), opts: { ...jobOptions, jobId: id } }];
            }),
          );
        }
      };
      const collect = async (id: string, queued: Job, record: JobRecord) => {
        const job = pending.get(id);
        if (job === undefined) return;
        pending.delete(id);
        onRecord(record, job);
        // Stored: the queue's copy can go. Should this process die first, the store already has the row (upsert).
        await queued.remove().catch(() => {});
      };
      // One look at a job: collect it when finished, re-enqueue it when Redis lost it; `retryFailed` starts a failed one over.
      const look = async (id: string, missing: string[], retryFailed: boolean) => {
        // One script call per job; the job itself (its result) is read only once it is finished.
        const state = await queue.getJobState(id);
        if (state === 'unknown') {
          missing.push(id);
          return;
        }
        if (state !== 'completed' && state !== 'failed') return;
        const queued = await queue.getJob(id);
        const job = pending.get(id);
        if (queued === undefined || queued === null || job === undefined) return;
        if (state === 'completed') await collect(id, queued, jobRecordFromQueue(queued.returnvalue, job));
        else if (retryFailed) {
          await queued.remove();
          missing.push(id);
        } else await collect(id, queued, jobRecordFromQueue(undefined, job, queued.failedReason));
      };
      const reconcile = async (ids: string[], retryFailed: boolean) => {
        const missing: string[] = [];
        await inChunks(ids, (id) => look(id, missing, retryFailed));
        if (missing.length > 0) {
          if (!retryFailed) warn(`${missing.length} jobs were missing from Redis (restarted without persistence?): enqueued again`);
          await enqueue(missing);
        }
      };

      // A resumed run first collects what workers finished while no coordinator was listening.
      await reconcile([...pending.keys()], true);
      // Not an error (workers may start later), but a run that waits on nobody should say so.
      if (pending.size > 0 && (await queue.getWorkersCount()) === 0)
        warn(`no worker is connected to ${new URL(options.redisUrl).host} yet: start one with  slowthink worker --redis URL`);
      let lastFull = Date.now();
      const fullEvery = () => Math.max(options.reconcileMs ?? 2000, pending.size);
      while (pending.size > 0 && !signal.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.max(50, fullEvery() - (Date.now() - lastFull)));
          function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            wake = () => {};
            resolve();
          }
          wake = done;
          signal.addEventListener('abort', done, { once: true });
          if (woken.size > 0) done();
        });
        if (signal.aborted) break;
        const full = Date.now() - lastFull >= fullEvery();
        const ids = full ? [...pending.keys()] : [...woken];
        woken.clear();
        try {
          await reconcile(ids, false);
          if (full) lastFull = Date.now();
        } catch (error) {
          // Redis away (restarting): ioredis reconnects; the next pass looks again.
          warn(`queue unreachable, retrying: ${(error as Error).message}`);
          for (const id of ids) woken.add(id);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
      await closeClients([events, queue]);
    },
  };
}
