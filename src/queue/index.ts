/** @module Bench jobs on BullMQ over Redis: the coordinator's executor, the worker, the fleet-wide rate limiter. */

import type { BenchOptions } from '../bench/run/run-bench.js';
import type { Executor } from '../bench/run/runner.js';
import type { RunRecord } from '../store/index.js';
import { createQueueExecutor } from './queue-executor.js';
import { redisConnection } from './redis-url.js';

export { type BenchJobPayload, benchJobId, benchJobPayload, parseBenchJobPayload } from './bench-job-payload.js';
export { type BenchWorker, type BenchWorkerOptions, createBenchWorker, processBenchJob } from './bench-worker.js';
export { createQueueExecutor, type QueueExecutorOptions } from './queue-executor.js';
export { BENCH_JOB_NAME, QUEUE_NAMES, QUEUE_PREFIX } from './queue-names.js';
export { estimateCallTokens, withRateLimit } from './rate-limited-model.js';
export { createRedisRateLimiter, type RateLimiter, type RateLimits } from './rate-limiter.js';

/** What `bench --redis URL` runs with: the URL is checked now, the executor is built once the run id exists. */
export function queueExecutorFactory(
  redisUrl: string,
  onWarning: (message: string) => void = (message) => process.stderr.write(`queue: ${message}\n`),
): (run: RunRecord, options: BenchOptions) => Executor {
  redisConnection(redisUrl);
  return (run, options) =>
    createQueueExecutor({
      redisUrl,
      settings: {
        runId: run.id,
        // The fake solver's runs are stored as fake:<model>; a worker picks its solver from its own environment.
        model: run.model.replace(/^fake:/, ''),
        temperature: options.temperature,
        verifier: options.verifier === 'none' ? 'none' : 'checker',
      },
      onWarning,
    });
}
