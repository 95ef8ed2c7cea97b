/** @module How the CLI shows a failure: `error CODE: message`, `hint: …`, the `--json` error object, and the exit code for it. */
import { CommanderError } from 'commander';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** Exit codes (docs/errors.md): 2 for bad input, 3 for backend failures, 130 for an interrupt, 1 for anything else. */
export function exitCodeFor(error: SlowthinkError): number {
  switch (error.code) {
    case ERROR_CODES.MODEL_UNAVAILABLE:
    case ERROR_CODES.MODEL_CALL_FAILED:
    case ERROR_CODES.MODEL_RATE_LIMITED:
    case ERROR_CODES.MODEL_TIMEOUT:
      return 3;
    case ERROR_CODES.ABORTED:
      return 130;
    case ERROR_CODES.INTERNAL:
    case ERROR_CODES.STORE:
      return 1;
    default:
      return 2;
  }
}

/** Whether the command line asks for JSON output (`--json` before any `--`). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Any thrown value as a SlowthinkError; commander's parse errors are bad input, anything unknown is a bug. */
export function toCliError(error: unknown): SlowthinkError {
  if (SlowthinkError.isInstance(error)) return error;
  if (error instanceof CommanderError) {
    return new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, error.message.replace(/^error: /, ''), {
      hint: 'Run the command with --help for its usage.',
    });
  }
  return new SlowthinkError(ERROR_CODES.INTERNAL, error instanceof Error ? error.message : String(error), {
    hint: 'This is a bug in slowthink; rerun with SLOWTHINK_DEBUG=1 and report the stack trace.',
  });
}

/** The `--json` object for a failure: the error, and what the request had done and charged (snake_case, like results). */
export function errorJson(error: SlowthinkError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    error: { code: error.code, message: error.message, hint: error.hint ?? null, ...(error.param ? { param: error.param } : {}) },
  };
  const report = error.report;
  if (!report) return body;
  const { totals } = report;
  return {
    ...body,
    answer: null,
    model: report.model,
    effort: report.effort,
    strategy: report.strategy,
    stopped_by: report.stoppedBy,
    usage: {
      prompt_tokens: totals.promptTokens,
      completion_tokens: totals.completionTokens,
      cached_tokens: totals.cachedTokens,
      total_tokens: totals.promptTokens + totals.completionTokens,
    },
    cost_usd: totals.costUsd,
    seconds: Number(totals.seconds.toFixed(3)),
    samples: totals.samples,
    calls: totals.calls,
  };
}

/** Where a failure is written: stderr for people, stdout for the `--json` object. */
export interface ErrorOutput {
  json?: boolean;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** Prints a failure the user can act on (never a stack trace unless SLOWTHINK_DEBUG=1) and returns its exit code. */
export function reportError(error: unknown, output: ErrorOutput = {}): number {
  const stderr = output.stderr ?? ((text: string) => process.stderr.write(text));
  const stdout = output.stdout ?? ((text: string) => process.stdout.write(text));
  // --help and --version end through commander's exit override with code 0; its own message is already on stderr.
  if (error instanceof CommanderError && error.exitCode === 0) return 0;
  const failure = toCliError(error);
  if (output.json) stdout(`${JSON.stringify(errorJson(failure))}\n`);
  if (!(error instanceof CommanderError)) {
    stderr(`error ${failure.code}: ${failure.message}\n`);
    if (failure.hint) stderr(`hint: ${failure.hint}\n`);
  }
  if (process.env.SLOWTHINK_DEBUG && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
  return exitCodeFor(failure);
}
