/** @module The `slowthink worker` action: a bench worker on the engine (or the fake solver), until SIGTERM or Ctrl-C. */
import { Redis } from 'ioredis';
import { createGrader } from '../../bench/problems/problem-source.js';
import { createEngineSolver } from '../../bench/run/engine-solver.js';
import { createFakeSolver } from '../../bench/run/fake-solver.js';
import type { Solver } from '../../bench/run/job-record.js';
import { parseNumberOption } from '../../errors/number-option.js';
import type { BenchJobPayload } from '../../queue/bench-job-payload.js';
import { createBenchWorker } from '../../queue/bench-worker.js';
import { withRateLimit } from '../../queue/rate-limited-model.js';
import { createRedisRateLimiter, type RateLimiter } from '../../queue/rate-limiter.js';
import { redisConnection } from '../../queue/redis-url.js';

/** Options as commander parses them. */
export interface WorkerCommandOptions {
  redis: string;
  concurrency: string;
  requestsPerMinute?: string;
  tokensPerMinute?: string;
  lockSeconds: string;
}

const log = (line: string) => process.stderr.write(`worker: ${line}\n`);

/** Runs a worker until a signal; returns the exit code. */
export async function runWorkerCommand(options: WorkerCommandOptions): Promise<number> {
  redisConnection(options.redis);
  const concurrency = parseNumberOption('concurrency', options.concurrency, { integer: true, minimum: 1, example: '2' }) ?? 1;
  const lockSeconds = parseNumberOption('lock-seconds', options.lockSeconds, { minimum: 0.5, example: '30' }) ?? 30;
  const limits = {
    requestsPerMinute: parseNumberOption('requests-per-minute', options.requestsPerMinute, { minimum: 0, exclusive: true }),
    tokensPerMinute: parseNumberOption('tokens-per-minute', options.tokensPerMinute, { minimum: 0, exclusive: true }),
  };
  const limited = limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined;
  const limiterRedis = limited ? new Redis(options.redis, { maxRetriesPerRequest: 1, lazyConnect: true }) : undefined;
  limiterRedis?.on('error', () => {});
  let warned = false;
  const limiter: RateLimiter | undefined =
    limiterRedis === undefined
      ? undefined
      : createRedisRateLimiter(limiterRedis, limits, (error) => {
          if (!warned) log(`rate limiter unreachable, calls go ahead unlimited until it is back: ${error.message}`);
          warned = true;
        });

  const fake = process.env['SLOWTHINK_BENCH_SOLVER'] === 'fake';
  const solvers = new Map<string, Promise<Solver>>();
  const solverFor = (payload: BenchJobPayload): Promise<Solver> => {
    if (fake) return Promise.resolve(createFakeSolver({ delayMs: Number(process.env['SLOWTHINK_BENCH_FAKE_DELAY_MS'] ?? 0) }));
    const key = JSON.stringify([payload.model, payload.temperature, payload.verifier]);
    let solver = solvers.get(key);
    if (solver === undefined) {
      solver = (async () => {
        const { resolveModel } = await import('../../models/registry.js');
        const model = await resolveModel(payload.model);
        return createEngineSolver({
          model: limiter === undefined ? model : withRateLimit(model, limiter),
          temperature: payload.temperature,
          verifier: payload.verifier,
        });
      })();
      solver.catch(() => solvers.delete(key));
      solvers.set(key, solver);
    }
    return solver;
  };
  const { listTasks } = await import('../../tasks/index.js');
  const { answersEquivalent } = await import('../../verify/index.js');
  const grade = createGrader((name) => listTasks().find((task) => task.name === name), answersEquivalent);

  const worker = createBenchWorker({
    redisUrl: options.redis,
    concurrency,
    solverFor,
    grade,
    allowUnknownStrategies: fake,
    lockDurationMs: lockSeconds * 1000,
    onLog: log,
  });
  await worker.worker.waitUntilReady().catch((error: Error) => log(`waiting for Redis: ${error.message}`));
  log(`ready on ${new URL(options.redis).host} (concurrency ${concurrency}${fake ? ', fake solver' : ''})`);
  // First signal: finish the jobs in hand. Second: give them back now (stall recovery hands them to another worker).
  let stopping = 0;
  await new Promise<void>((resolve) => {
    const stop = () => {
      stopping++;
      log(stopping === 1 ? 'stopping after the jobs in hand (again to stop now)' : 'stopping now');
      worker.close(stopping > 1).then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  limiterRedis?.disconnect();
  const { closeModels } = await import('../../models/registry.js');
  await closeModels();
  return 0;
}
