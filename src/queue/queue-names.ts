/** @module Names shared by coordinators and workers: queues, Redis key prefix, and the job name of each kind. */

/** BullMQ's key prefix for every slowthink queue (`slowthink:bench:*`), so one Redis can serve other apps too. */
export const QUEUE_PREFIX = 'slowthink';

/** One queue per kind of work: bench jobs today; RL rollouts would get their own, so a trainer never waits behind a bench. */
export const QUEUE_NAMES = { bench: 'bench' } as const;

/** The BullMQ job name of a bench job (problem × config × seed). */
export const BENCH_JOB_NAME = 'bench-job';

/** Redis key of a backend's token bucket (requests and tokens per minute), shared by every worker. */
export function rateLimitKey(backend: string): string {
  return `${QUEUE_PREFIX}:rate:${backend}`;
}
