/** @module `slowthink runs list|show|export`: inspect stored benchmark runs. */
import type { Command } from 'commander';

/** Registers `runs` and its subcommands on the program. */
export function register(program: Command): void {
  const runs = program.command('runs').description('List, show and export stored benchmark runs');
  runs
    .command('list')
    .description('All runs, newest first')
    .option('--store <path>', 'run store file')
    .option('--json', 'print JSON')
    .action(async (options) => {
      const { listRunsText } = await import('./runs-action.js');
      process.stdout.write(`${listRunsText(options)}\n`);
    });
  runs
    .command('show <runId>')
    .description("A run's accuracy, cost and paired comparisons")
    .option('--store <path>', 'run store file')
    .option('--json', 'print the summary as JSON')
    .option('--markdown', 'print the summary as Markdown tables')
    .action(async (runId: string, options) => {
      const { showRunText } = await import('./runs-action.js');
      process.stdout.write(`${showRunText(runId, options)}\n`);
    });
  runs
    .command('report <runId>')
    .description("Rewrite a run's report folder (results.json, plots, report.html) from the store")
    .option('--store <path>', 'run store file')
    .option('--out <dir>', 'report folder (default reports/<run-id>)')
    .option('--no-png', 'write SVG plots only')
    .action(async (runId: string, options) => {
      const { reportRun } = await import('./runs-action.js');
      process.stdout.write(`Report: ${await reportRun(runId, options)}\n`);
    });
  runs
    .command('export <runId>')
    .description("A run's results, one per job")
    .option('--store <path>', 'run store file')
    .option('--format <format>', 'json or csv', 'json')
    .action(async (runId: string, options) => {
      const { exportRunText } = await import('./runs-action.js');
      process.stdout.write(`${exportRunText(runId, options)}\n`);
    });
}
