/** @module `slowthink bench`: run a benchmark into the run store and write a report with plots. */
import type { Command } from 'commander';

/** Registers `bench` on the program. */
export function register(program: Command): void {
  program
    .command('bench')
    .description('Benchmark efforts and strategies on a task; stores every job and writes a report with plots')
    .option(
      '--task <task>',
      'a built-in task (arithmetic, countdown, program-trace, physics), jsonl:PATH, gsm8k:PATH, math:PATH, humaneval:PATH or mbpp:PATH',
    )
    .option(
      '--model <model>',
      'model name: slowthink-mini, slowthink or provider:model (default: $SLOWTHINK_MODEL or the embedded slowthink-mini)',
    )
    .option(
      '--efforts <list>',
      'comma-separated efforts, e.g. none,low,medium,high,max (default none,low,medium,high without --strategies)',
    )
    .option(
      '--strategies <list>',
      'comma-separated strategies with options, e.g. cot,self-consistency:n=40; budget.maxTokens=N (also maxSeconds, maxCalls, maxUsd) overrides the default effort budget for that config',
    )
    .option('--level <level>', 'only this task level (default: spread over all levels)')
    .option('--split <split>', 'train (in-distribution held-out problems, default) or held-out-shapes (shapes training never saw)')
    .option('--n <count>', 'number of problems', '200')
    .option('--seed <seed>', 'problem seed (default: the held-out evaluation seed 1000001)')
    .option('--concurrency <count>', 'jobs at once in this process (with --redis, each worker has its own --concurrency)', '1')
    .option('--temperature <value>', 'sampling temperature passed to the engine')
    .option(
      '--verifier <kind>',
      "checker (the task's inference verifier: the step checker on arithmetic, the exact checker on countdown; default) or none (verifier-weighted strategies fall back to votes)",
    )
    .option('--price <price>', 'price tokens hypothetically: o1-mini, o1, gpt-4o-mini … or in=1.1,out=4.4 ($ per M tokens)')
    .option('--resume <runId>', 'resume a stored run: run only its missing jobs')
    .option('--out <dir>', 'report folder (default reports/<run-id>)')
    .option('--store <path>', 'run store file (default $SLOWTHINK_STORE or ~/.slowthink/runs.db)')
    .option('--no-png', 'write SVG plots only')
    .option('--json', 'print the summary as JSON only')
    .option('--redis <url>', 'enqueue the jobs on Redis for `slowthink worker`s; results come back here into the store')
    .action(async (options) => {
      const { runBenchCommand } = await import('./bench-action.js');
      // The queue is wired here, not in bench/, so bench never depends on queue (queue builds on bench's jobs).
      const createExecutor =
        options.redis === undefined ? undefined : (await import('../../queue/index.js')).queueExecutorFactory(options.redis);
      process.exitCode = await runBenchCommand(options, { createExecutor });
    });
}
