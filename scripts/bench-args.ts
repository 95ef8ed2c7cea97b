/**
 * @module Flags of the bench scripts: node's `parseArgs` plus `--help` (prints the usage, exit 0) and a bad flag as
 * `error ST_INVALID_ARGUMENT: …` with the usage (exit 2, as docs/errors.md says for bad input), never a stack trace.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseNumberOption } from '../src/errors/number-option.js';

/** Parses `process.argv` (or `args`) with `config`; `--help`/`-h` print `usage` and exit 0, bad flags exit 2. */
export function parseBenchArgs<T extends ParseArgsConfig>(
  usage: string,
  config: T,
  args: string[] = process.argv.slice(2),
): ReturnType<typeof parseArgs<T>> {
  const withHelp = { ...config, args, options: { ...config.options, help: { type: 'boolean', short: 'h' } } };
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(withHelp as T);
  } catch (error) {
    return failUsage(usage, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as Record<string, unknown>)['help'] === true) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return parsed;
}

/** Reports a bad flag value the way the CLI does and exits 2. */
export function failUsage(usage: string, message: string): never {
  process.stderr.write(`error ST_INVALID_ARGUMENT: ${message}\n${usage.trim()}\n`);
  process.exit(2);
}

/** A numeric flag, checked: a non-number or a value below `minimum` exits 2 naming the flag. */
export function numberFlag(usage: string, flag: string, value: string | undefined, minimum = 0): number {
  try {
    // The one numeric-option validator (issue #17); a script shows its usage instead of an error code.
    return parseNumberOption(flag, value ?? '', { minimum });
  } catch (error) {
    return failUsage(usage, error instanceof Error ? error.message : String(error));
  }
}
