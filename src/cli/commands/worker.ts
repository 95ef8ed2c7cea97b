/** @module `slowthink worker`: run queued bench jobs from Redis (BullMQ); start one per machine, or several. */
import type { Command } from 'commander';

/** Registers `worker` on the program. */
export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'Take bench jobs from a Redis queue (slowthink bench --redis) and run them on the engine; Ctrl-C finishes the jobs in hand',
    )
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://localhost:6379')
    .option('--concurrency <count>', 'jobs at once in this worker', '1')
    .option('--requests-per-minute <count>', "the backend's request limit, shared by all workers (the same on each)")
    .option('--tokens-per-minute <count>', "the backend's token limit (prompt + completion), shared by all workers")
    .option('--lock-seconds <seconds>', 'a job whose worker stops answering for this long goes to another worker', '30')
    .action(async (options) => {
      const { runWorkerCommand } = await import('./worker-action.js');
      process.exitCode = await runWorkerCommand(options);
    });
}
