/**
 * @module `npx tsx scripts/bench-queue.ts [--n 24] [--efforts low] [--overhead-jobs 300]`: bench throughput (jobs per minute)
 * on the embedded mini in process vs through Redis with 1 and 2 `slowthink worker`s, and the queue's own overhead per
 * job (the fake solver, no model) at worker concurrency 1 and 8. Starts its own redis-server; each setup is warmed up
 * first so every process has loaded its model before the clock starts (issue #16, docs/scale.md).
 */
import { createEngineSolver } from '../src/bench/run/engine-solver.js';
import { createFakeSolver } from '../src/bench/run/fake-solver.js';
import { type BenchDependencies, type BenchOptions, startBench } from '../src/bench/run/run-bench.js';
import { queueExecutorFactory } from '../src/queue/index.js';
import { RunStore } from '../src/store/index.js';
import { listTasks } from '../src/tasks/index.js';
import { type CliProcess, startCli, startFakeWorker } from '../src/testing/cli-process.js';
import { startRedisServer } from '../src/testing/redis-server.js';
import { answersEquivalent } from '../src/verify/index.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npx tsx scripts/bench-queue.ts [--n 24] [--efforts low] [--overhead-jobs 300]
Jobs per minute in process vs 1 and 2 queue workers (embedded mini), and queue overhead per job.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    n: { type: 'string', default: '24' },
    efforts: { type: 'string', default: 'low' },
    'overhead-jobs': { type: 'string', default: '300' },
  },
});
const n = numberFlag(USAGE, 'n', values.n, 1);
const overheadJobs = numberFlag(USAGE, 'overhead-jobs', values['overhead-jobs'], 1);
const lookupTask = (name: string) => listTasks().find((task) => task.name === name);
const redis = await startRedisServer();
const workers: CliProcess[] = [];
const store = RunStore.open(':memory:');

/** Seconds one bench takes; `seed` varies so a warm-up never shares job ids (or the model's cache) with the timed run. */
async function timed(options: Partial<BenchOptions>, dependencies: Partial<BenchDependencies>): Promise<{ seconds: number; jobs: number }> {
  const started = performance.now();
  const outcome = await startBench(
    { task: 'arithmetic', model: 'slowthink-mini', efforts: values.efforts, n, seed: 1_000_001, concurrency: 1, ...options },
    { store, solve: createEngineSolver({ model: 'slowthink-mini' }), lookupTask, equivalent: answersEquivalent, ...dependencies },
  );
  if (!outcome.complete) throw new Error('a bench did not complete');
  return { seconds: (performance.now() - started) / 1000, jobs: outcome.run.jobCount };
}

const rows: string[] = [];
const report = (setup: string, result: { seconds: number; jobs: number }) => {
  const line = `${setup.padEnd(34)} ${String(result.jobs).padStart(5)} jobs ${result.seconds.toFixed(1).padStart(7)} s ${((60 * result.jobs) / result.seconds).toFixed(0).padStart(7)} jobs/min ${((1000 * result.seconds) / result.jobs).toFixed(1).padStart(8)} ms/job`;
  rows.push(line);
  console.log(line);
};

try {
  await timed({ n: 1, seed: 5 }, {});
  report('in process (concurrency 1)', await timed({}, {}));
  const queued = { createExecutor: queueExecutorFactory(redis.url, () => {}) };
  for (const count of [1, 2]) {
    while (workers.length < count) workers.push(startCli('cli', ['worker', '--redis', redis.url]));
    await Promise.all(workers.map((worker) => worker.waitFor(/ready/)));
    await timed({ n: 2 * count, seed: 11 + count }, queued);
    report(`queue, ${count} worker${count > 1 ? 's' : ''} (concurrency 1)`, await timed({}, queued));
  }
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));

  // Overhead: the fake solver answers at once, so the time is the queue's (enqueue, fetch, lock, return, collect, store).
  const fake = { solve: createFakeSolver(), lookupTask: () => undefined, allowUnknownStrategies: true };
  const fakeBench = { task: 'jsonl:/dev/null', model: 'fake:none', efforts: 'none' };
  const file = `${process.env['TMPDIR'] ?? '/tmp'}/slowthink-queue-overhead.jsonl`;
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    file,
    Array.from({ length: overheadJobs }, (_, index) => JSON.stringify({ question: `q${index}`, answer: '1' })).join('\n'),
  );
  // Warm-up loads the answer checker (mathjs, compute-engine) in this process, as the workers' warm-ups do in theirs.
  await timed({ ...fakeBench, task: `jsonl:${file}`, n: 5, seed: 19 }, fake);
  report('fake solver, in process', await timed({ ...fakeBench, task: `jsonl:${file}`, n: overheadJobs }, fake));
  for (const concurrency of [1, 8]) {
    const worker = startFakeWorker(redis.url, { delayMs: 0, concurrency });
    workers.push(worker);
    await worker.waitFor(/ready/);
    await timed({ ...fakeBench, task: `jsonl:${file}`, n: 5, seed: 20 + concurrency }, { ...fake, ...queued });
    report(
      `fake solver, 1 worker (concurrency ${concurrency})`,
      await timed({ ...fakeBench, task: `jsonl:${file}`, n: overheadJobs }, { ...fake, ...queued }),
    );
    await worker.kill();
    workers.splice(0);
  }
  console.log(`\n${rows.join('\n')}`);
} finally {
  await Promise.all(workers.map((worker) => worker.kill()));
  await redis.stop();
  store.close();
  const { closeModels } = await import('../src/models/registry.js');
  await closeModels();
}
