/** @module The one SSE shell of the server's streams: a body enqueued directly, keep-alives in silence, cancel on disconnect. */
import type { Context } from 'hono';

/** Writes to an open event stream; a write after the client went away is dropped. */
export interface SseWriter {
  /** Raw SSE text (`event: …\ndata: …\n\n`). */
  send(text: string): void;
  /** One `data: <json>` message. */
  data(value: unknown): void;
}

/** How to stream: the writer runs until it resolves, then the stream closes. */
export interface SseResponseOptions {
  /** Longest silence before a `: keep-alive` comment. */
  keepAliveMs: number;
  /** The client cancelled the body (a closed tab, a disconnect): stop the work behind the stream. */
  onCancel: () => void;
  /** Writes the whole stream; it must not throw (a failure after the headers is written as an event). */
  write: (writer: SseWriter) => Promise<void>;
}

/**
 * One ReadableStream, enqueued directly: a stream of a few hundred tiny chunks per answer is cheaper without the
 * writer and pump that Hono's streamSSE puts in between.
 */
export function sseResponse(c: Context, options: SseResponseOptions): Response {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  let lastWrite = Date.now();
  const body = new ReadableStream<Uint8Array>({
    start: (streamController) => {
      controller = streamController;
    },
    cancel: () => {
      open = false;
      options.onCancel();
    },
  });
  const send = (text: string) => {
    if (!open) return;
    lastWrite = Date.now();
    controller?.enqueue(encoder.encode(text));
  };
  const writer: SseWriter = { send, data: (value) => send(`data: ${JSON.stringify(value)}\n\n`) };
  const keepAlive = setInterval(
    () => {
      if (Date.now() - lastWrite >= options.keepAliveMs / 2) send(': keep-alive\n\n');
    },
    Math.max(10, options.keepAliveMs / 2),
  );
  void options.write(writer).finally(() => {
    clearInterval(keepAlive);
    if (open) {
      open = false;
      controller?.close();
    }
  });
  c.header('content-type', 'text/event-stream');
  c.header('cache-control', 'no-cache');
  c.header('connection', 'keep-alive');
  c.header('x-accel-buffering', 'no');
  return c.body(body);
}
