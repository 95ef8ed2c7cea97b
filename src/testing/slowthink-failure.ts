/** @module The SlowthinkError a promise rejects with, for tests that assert an error's code, message and param. */
import { SlowthinkError } from '../errors/index.js';

/** Awaits `pending` and returns the SlowthinkError it rejected with; resolving, or rejecting with anything else, fails the test. */
export async function slowthinkFailure(pending: Promise<unknown>): Promise<SlowthinkError> {
  const error = await pending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!SlowthinkError.isInstance(error)) throw new Error(`expected a SlowthinkError, got ${String(error)}`);
  return error;
}
