/** @module How the CLI shows a failure: `error CODE: message`, `hint: …`, and the exit code for it. */
import { CommanderError } from 'commander';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** Exit codes: 2 for bad input, 3 for backend failures, 130 for an interrupt, 1 for anything else. */
export function exitCodeFor(error: SlowthinkError): number {
  switch (error.code) {
    case ERROR_CODES.MODEL_UNAVAILABLE:
    case ERROR_CODES.MODEL_CALL_FAILED:
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

/** Prints a failure the user can act on; never a stack trace (set SLOWTHINK_DEBUG=1 to see one). */
export function reportError(error: unknown, write: (text: string) => void = (text) => process.stderr.write(text)): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const failure = SlowthinkError.isInstance(error)
    ? error
    : new SlowthinkError(ERROR_CODES.INTERNAL, error instanceof Error ? error.message : String(error), {
        hint: 'This is a bug in slowthink; rerun with SLOWTHINK_DEBUG=1 and report the stack trace.',
      });
  write(`error ${failure.code}: ${failure.message}\n`);
  if (failure.hint) write(`hint: ${failure.hint}\n`);
  if (process.env.SLOWTHINK_DEBUG && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return exitCodeFor(failure);
}
