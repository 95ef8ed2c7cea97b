/** @module The worker side of a queued bench: takes bench jobs from Redis, runs them with the engine, returns graded records. */
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { KNOWN_STRATEGIES } from '../bench/run/bench-config.js';
import { type Grader, recordFromError, recordFromOutcome, type Solver } from '../bench/run/job-record.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { JobRecord } from '../store/index.js';
import { type BenchJobPayload, parseBenchJobPayload } from './bench-job-payload.js';
import { QUEUE_NAMES, QUEUE_PREFIX } from './queue-names.js';
import { redisConnection } from './redis-url.js';

/** What a worker runs with; the solver is chosen per job because the model and temperature travel in the payload. */
export interface BenchWorkerOptions {
  redisUrl: string;
  /** Jobs at once in this process (default 1: the embedded model serialises its samples anyway). */
  concurrency?: number;
  solverFor: (payload: BenchJobPayload) => Solver | Promise<Solver>;
  grade: Grader;
  /** Accept strategy names outside the built-in list (the fake solver's tests). */
  allowUnknownStrategies?: boolean;
  /** How long a job's lock lives without renewal; a worker killed mid-job gives its job back after this (default 30 s). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (default: half the lock duration). */
  stalledIntervalMs?: number;
  /** One line per finished or failed job, for the worker's log. */
  onLog?: (line: string) => void;
}

/** A running worker; `close` lets the jobs in hand finish (or, with `force`, gives them back through stall recovery). */
export interface BenchWorker {
  readonly worker: Worker;
  close(force?: boolean): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

const RETRYABLE_LINE = 'retryable backend failure';

/** The error line a failed job shows: the stable code first, as the CLI prints it. */
function failure(code: string, message: string): UnrecoverableError {
  return new UnrecoverableError(`${code}: ${message}`);
}

/** Runs one queued job; throws only for bad jobs (unrecoverable) and retryable backend failures with attempts left. */
export async function processBenchJob(job: Job, options: BenchWorkerOptions, signal: AbortSignal): Promise<JobRecord> {
  const check = parseBenchJobPayload(job.data);
  if (!check.ok) throw failure(ERROR_CODES.INVALID_ARGUMENT, check.message);
  const { payload } = check;
  const strategy = payload.config.strategy;
  if (strategy !== undefined && !options.allowUnknownStrategies && !(KNOWN_STRATEGIES as readonly string[]).includes(strategy))
    throw failure(ERROR_CODES.UNKNOWN_STRATEGY, `Unknown strategy "${strategy}" in bench job ${job.id ?? ''}`);
  const started = performance.now();
  try {
    const solve = await options.solverFor(payload);
    const outcome = await solve(payload.problem, payload.config, { seed: payload.seed, signal });
    return recordFromOutcome(payload.problem, payload.config, outcome, options.grade);
  } catch (error) {
    const retryable = SlowthinkError.isInstance(error) && error.retryable;
    // BullMQ retries a thrown job with backoff; the last attempt's failure is kept as a record, re-run by --resume.
    if (retryable && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) throw error;
    if (!retryable && SlowthinkError.isInstance(error) && error.code === ERROR_CODES.UNKNOWN_STRATEGY)
      throw failure(error.code, error.message);
    const record = recordFromError(payload.problem, payload.config, error, (performance.now() - started) / 1000);
    return retryable ? { ...record, error: `${record.error ?? ''} (${RETRYABLE_LINE}, ${job.attemptsMade + 1} attempts)` } : record;
  }
}

/** Starts a worker on the bench queue. */
export function createBenchWorker(options: BenchWorkerOptions): BenchWorker {
  const shutdown = new AbortController();
  const lockDuration = options.lockDurationMs ?? 30_000;
  let inHand = 0;
  const worker = new Worker(
    QUEUE_NAMES.bench,
    async (job, _token, jobSignal) => {
      const signal = jobSignal === undefined ? shutdown.signal : AbortSignal.any([shutdown.signal, jobSignal]);
      inHand++;
      try {
        return await processBenchJob(job, options, signal);
      } finally {
        inHand--;
      }
    },
    {
      connection: redisConnection(options.redisUrl),
      prefix: QUEUE_PREFIX,
      concurrency: Math.max(1, options.concurrency ?? 1),
      lockDuration,
      stalledInterval: options.stalledIntervalMs ?? Math.max(500, Math.floor(lockDuration / 2)),
      // A job whose worker died twice is more likely to kill workers than to be unlucky: it fails with a clear reason.
      maxStalledCount: 2,
    },
  );
  worker.on('completed', (job, record: JobRecord) =>
    options.onLog?.(`done ${job.id ?? ''} ${record.problemId} ${record.config}${record.error === null ? '' : ` error: ${record.error}`}`),
  );
  worker.on('failed', (job, error) => options.onLog?.(`failed ${job?.id ?? ''}: ${error.message}`));
  // Connection errors are retried by ioredis and BullMQ; logging them keeps an unhandled 'error' event from killing the process.
  worker.on('error', (error) => options.onLog?.(`redis: ${error.message}`));
  return {
    worker,
    async close(force = false) {
      if (force) shutdown.abort();
      const closing = worker.close(force).then(() => true);
      // BullMQ's close also waits for a Redis that may be gone for good: once no job is in hand, it gets 5 s more.
      while (inHand > 0 && !(await Promise.race([closing, sleep(100).then(() => false)]))) {}
      if (!(await Promise.race([closing, sleep(5000).then(() => false)]))) {
        options.onLog?.('Redis did not answer while closing; leaving without it');
        await Promise.race([worker.disconnect().catch(() => {}), sleep(1000)]);
      }
    },
  };
}
