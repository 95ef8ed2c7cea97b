/** @module Streams choices as SSE: role chunk, live reasoning deltas, content deltas, finish, usage, `[DONE]`; keep-alives in silence. */
import type { Context } from 'hono';
import { toApiError } from './api-error.js';
import { type CompletionIdentity, finishChunk, partChunk, roleChunk, toFinishReason, usageChunk } from './chat-response.js';
import type { ChoiceOutcome, ChoiceRun } from './choice-run.js';
import { DeltaCoalescer } from './delta-coalescer.js';
import { sseResponse } from './sse-response.js';

/** How to stream one completion. */
export interface StreamChoicesOptions {
  identity: CompletionIdentity;
  runs: readonly ChoiceRun[];
  planLine: string | undefined;
  excludeReasoning: boolean;
  includeUsage: boolean;
  /** Longest silence before a `: keep-alive` comment. */
  keepAliveMs: number;
  /** Deltas of one choice arriving within this many ms are merged into one chunk. */
  coalesceMs: number;
  /** Seconds clients should wait before retrying a retryable mid-stream failure. */
  retryAfterSeconds: number;
  /** Called once when the stream is over, however it ended. */
  onDone: (outcome: { error?: unknown; outcomes?: ChoiceOutcome[] }) => void;
}

/**
 * Sends each part the moment the engine reports it. A failure after the headers went out is sent as
 * `data: {"error": …}` and the stream closes without `[DONE]`; a client that disconnects cancels the body, which
 * aborts every engine run.
 */
export function streamChoices(c: Context, options: StreamChoicesOptions): Response {
  const { identity, runs } = options;
  const abortAll = () => {
    for (const run of runs) run.abort();
  };
  return sseResponse(c, {
    keepAliveMs: options.keepAliveMs,
    onCancel: abortAll,
    write: async ({ send, data }) => {
      const coalescers = runs.map((_, index) => new DeltaCoalescer(options.coalesceMs, (part) => data(partChunk(identity, index, part))));
      let error: unknown;
      let outcomes: ChoiceOutcome[] | undefined;
      try {
        for (let index = 0; index < runs.length; index++) data(roleChunk(identity, index));
        outcomes = await Promise.all(
          runs.map(async (run, index) => {
            const coalescer = coalescers[index] as DeltaCoalescer;
            const outcome = await run.run((part) => {
              if (options.excludeReasoning && part.channel === 'reasoning') return;
              coalescer.push(part);
            }, options.planLine);
            coalescer.flush();
            data(finishChunk(identity, index, toFinishReason(outcome.result.finishReason, outcome.result.stoppedBy)));
            return outcome;
          }),
        );
        if (options.includeUsage) data(usageChunk(identity, outcomes));
        send('data: [DONE]\n\n');
      } catch (caught) {
        error = caught;
        abortAll();
        for (const coalescer of coalescers) coalescer.flush();
        data({ error: toApiError(caught, options.retryAfterSeconds).toBody() });
      } finally {
        options.onDone({ error, outcomes });
      }
    },
  });
}
