/** @module An engine wrapper that keeps each finished request's trace in the run store (the run browser replays them). */
import { DEFAULT_EFFORT } from '../../budget/index.js';
import { SlowthinkError } from '../../errors/index.js';
import type { ReasonRequest, ReasonStream } from '../../spec/engine.js';
import { lastUserText } from '../../spec/model.js';
import type { TraceEvent } from '../../spec/trace.js';
import { type RunStore, saveTrace } from '../../store/index.js';
import type { ServerEngine } from '../choice-run.js';

/** The question a request asks: its question, else its last user message. */
export function questionOf(request: ReasonRequest): string {
  return request.question ?? lastUserText(request.messages);
}

/** What the recorder reports when the store refuses a write (a full disk must not fail the request). */
export type RecordFailure = (error: unknown) => void;

/**
 * Wraps `engine` so that every request's trace is saved once it settles: the result's full trace, or for a failure the
 * events seen so far. Saving happens after the client got its answer and never changes it.
 */
export function createRecordingEngine(engine: ServerEngine, store: RunStore, onFailure: RecordFailure = () => {}): ServerEngine {
  return {
    streamReason(request: ReasonRequest): ReasonStream {
      const stream = engine.streamReason(request);
      const seen: Array<TraceEvent & { at: number }> = [];
      const started = performance.now();
      const save = (write: () => void) => {
        try {
          write();
        } catch (error) {
          onFailure(error);
        }
      };
      const base = {
        question: questionOf(request),
        model: typeof request.model === 'string' ? request.model : (request.model?.id ?? 'default'),
        effort: request.effort ?? DEFAULT_EFFORT,
        strategy: request.strategy ?? 'effort plan',
      };
      stream.result.then(
        (result) =>
          save(() =>
            saveTrace(store, { source: 'api', ...base, model: result.model, effort: result.effort, strategy: result.strategy, result }),
          ),
        (error: unknown) => {
          if (!SlowthinkError.isInstance(error) || error.report === undefined) return; // refused before it ran: nothing to replay
          const report = error.report;
          save(() =>
            saveTrace(store, {
              source: 'api',
              ...base,
              ...(report ? { model: report.model, effort: report.effort, strategy: report.strategy } : {}),
              events: seen,
              error: { code: error.code, message: error.message, totals: report?.totals, stoppedBy: report?.stoppedBy ?? null },
            }),
          );
        },
      );
      return {
        result: stream.result,
        [Symbol.asyncIterator]() {
          const iterator = stream[Symbol.asyncIterator]();
          return {
            next: async () => {
              const next = await iterator.next();
              if (!next.done) seen.push({ ...next.value, at: Math.round(performance.now() - started) });
              return next;
            },
            return: async (value?: unknown) => iterator.return?.(value) ?? { done: true, value: undefined },
          };
        },
      };
    },
  };
}
