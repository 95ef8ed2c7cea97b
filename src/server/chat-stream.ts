/** @module Streams choices as SSE: role chunk, live reasoning deltas, content deltas, finish, usage, `[DONE]`; keep-alives in silence. */
import type { Context } from 'hono';
import { toApiError } from './api-error.js';
import { type CompletionIdentity, finishChunk, partChunk, roleChunk, toFinishReason, usageChunk } from './chat-response.js';
import type { ChoiceOutcome, ChoiceRun } from './choice-run.js';
import { DeltaCoalescer } from './delta-coalescer.js';

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
 * aborts every engine run. One ReadableStream, enqueued directly: a stream of a few hundred tiny chunks per answer
 * is cheaper without the writer and pump that Hono's streamSSE puts in between.
 */
export function streamChoices(c: Context, options: StreamChoicesOptions): Response {
  const { identity, runs } = options;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let lastWrite = Date.now();
  const abortAll = () => {
    for (const run of runs) run.abort();
  };
  const body = new ReadableStream<Uint8Array>({
    start: (streamController) => {
      controller = streamController;
    },
    cancel: () => {
      open = false;
      abortAll();
    },
  });
  const send = (text: string) => {
    if (!open) return;
    lastWrite = Date.now();
    controller.enqueue(encoder.encode(text));
  };
  const data = (value: unknown) => send(`data: ${JSON.stringify(value)}\n\n`);
  const keepAlive = setInterval(
    () => {
      if (Date.now() - lastWrite >= options.keepAliveMs / 2) send(': keep-alive\n\n');
    },
    Math.max(10, options.keepAliveMs / 2),
  );
  const coalescers = runs.map((_, index) => new DeltaCoalescer(options.coalesceMs, (part) => data(partChunk(identity, index, part))));
  const pump = async () => {
    let error: unknown;
    let outcomes: ChoiceOutcome[] | undefined;
    try {
      for (let index = 0; index < runs.length; index++) data(roleChunk(identity, index));
      outcomes = await Promise.all(
        runs.map(async (run, index) => {
          const coalescer = coalescers[index]!;
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
      clearInterval(keepAlive);
      if (open) {
        open = false;
        controller.close();
      }
      options.onDone({ error, outcomes });
    }
  };
  void pump();
  c.header('content-type', 'text/event-stream');
  c.header('cache-control', 'no-cache');
  c.header('connection', 'keep-alive');
  c.header('x-accel-buffering', 'no');
  return c.body(body);
}
