/** @module The engine's entry points: `reason` (throws), `safeReason` (returns a tagged result), `streamReason` (events). */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { ReasonRequest, ReasonResult, ReasonStream, TraceEvent } from '../spec/index.js';
import { runReason } from './run-reason.js';

/**
 * Answers a request by spending inference-time compute; throws SlowthinkError on bad input or backend failure.
 * @example const result = await reason({ question: 'What is 17 * 23?', effort: 'medium' });
 */
export function reason(request: ReasonRequest): Promise<ReasonResult> {
  return runReason(request);
}

/** Like `reason`, but never throws: `{ success: true, result }` or `{ success: false, error }`. */
export async function safeReason(
  request: ReasonRequest,
): Promise<{ success: true; result: ReasonResult } | { success: false; error: SlowthinkError }> {
  try {
    return { success: true, result: await runReason(request) };
  } catch (error) {
    return { success: false, error: toSlowthinkError(error) };
  }
}

/** Any thrown value as a SlowthinkError (unknown errors become INTERNAL). */
export function toSlowthinkError(error: unknown): SlowthinkError {
  if (SlowthinkError.isInstance(error)) return error;
  return new SlowthinkError(ERROR_CODES.INTERNAL, error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * Runs a request and yields its events as they happen; `result` resolves at the end. Iterate once; leaving the loop
 * early (`break`) aborts the request. A failure is yielded as an `error` event, then `result` rejects.
 * @example for await (const event of streamReason({ question })) if (event.type === 'thought-delta') write(event.delta);
 */
export function streamReason(request: ReasonRequest): ReasonStream {
  const controller = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
  const buffer: TraceEvent[] = [];
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const result = runReason({ ...request, signal }, (event) => {
    buffer.push(event);
    notify();
  }).then(
    (value) => {
      done = true;
      notify();
      return value;
    },
    (error: unknown) => {
      const failure = toSlowthinkError(error);
      buffer.push({ type: 'error', code: failure.code, message: failure.message });
      done = true;
      notify();
      throw failure;
    },
  );
  // The caller may only read events; an unobserved rejection must not crash the process.
  result.catch(() => undefined);
  let consumed = false;
  return {
    result,
    [Symbol.asyncIterator](): AsyncIterator<TraceEvent> {
      if (consumed) throw new SlowthinkError(ERROR_CODES.INTERNAL, 'A ReasonStream can be iterated only once');
      consumed = true;
      return {
        async next() {
          for (;;) {
            const event = buffer.shift();
            if (event) return { value: event, done: false };
            if (done) return { value: undefined, done: true };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return() {
          if (!done) controller.abort(new SlowthinkError(ERROR_CODES.ABORTED, 'The stream consumer stopped reading'));
          return { value: undefined, done: true };
        },
      };
    },
  };
}
