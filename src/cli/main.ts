/** @module The `slowthink` CLI: registers every command, and turns failures into `error CODE: message` + a hint and an exit code. */
import { Command } from 'commander';
import { commandLoaders } from './commands/index.js';
import { reportError, wantsJson } from './render-error.js';

/** Builds the program with every command registered. */
export async function createProgram(): Promise<Command> {
  const program = new Command('slowthink')
    .description('Turn any LLM into a reasoning model by spending inference-time compute.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // One broken command module must not take the others down: it is reported and left out.
  const loaded = await Promise.allSettled(commandLoaders.map((load) => load()));
  for (const entry of loaded) {
    if (entry.status === 'fulfilled') entry.value.register(program);
    else
      process.stderr.write(
        `warning: a command failed to load: ${entry.reason instanceof Error ? entry.reason.message : String(entry.reason)}\n`,
      );
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (as in process.argv) and returns the exit code. */
export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    const program = await createProgram();
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // With --json, stdout carries exactly one object whatever failed: the error object then.
    return reportError(error, { json: wantsJson(argv) });
  }
}

// A reader that stops early (`slowthink ask … | head -3`) closes the pipe: stop quietly, as Unix tools do, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

const code = await main();
process.exitCode = code;
// Local model backends may keep handles open; leave once output is flushed.
process.stdout.write('', () => process.exit(code));
