/** @module One JSON log line per request (id, status, timing, model, effort, client retries); prompts only when asked. */
import type { Context, MiddlewareHandler } from 'hono';
import { bounded } from './bounded-text.js';

/** Receives each finished request's log line. */
export type LogSink = (line: Record<string, unknown>) => void;

/** Writes log lines to stderr as JSON. */
export const stderrLogSink: LogSink = (line) => {
  process.stderr.write(`${JSON.stringify(line)}\n`);
};

interface LogState {
  fields: Record<string, unknown>;
  startedAt: number;
  deferred: boolean;
  written: boolean;
}

/** Collects fields during a request and writes the line when it ends (for a stream: when the stream ends). */
export class RequestLog {
  private readonly states = new WeakMap<Context, LogState>();

  constructor(private readonly sink: LogSink) {}

  /** Middleware that opens the line and writes it after the handler, unless the handler deferred it. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const state: LogState = { fields: {}, startedAt: performance.now(), deferred: false, written: false };
      this.states.set(c, state);
      const retryCount = c.req.header('x-stainless-retry-count');
      state.fields = {
        request_id: c.get('requestId'),
        method: bounded(c.req.method, 16),
        path: bounded(c.req.path),
        retry_count: retryCount ? Number(retryCount) : undefined,
      };
      await next();
      if (!state.deferred || c.res.status !== 200) this.flush(c);
    };
  }

  /** Adds fields to the request's line. */
  annotate(c: Context, fields: Record<string, unknown>): void {
    const state = this.states.get(c);
    if (state) Object.assign(state.fields, fields);
  }

  /** The handler will call flush itself (a stream outlives its handler). */
  defer(c: Context): void {
    const state = this.states.get(c);
    if (state) state.deferred = true;
  }

  /** Writes the line once. */
  flush(c: Context): void {
    const state = this.states.get(c);
    if (!state || state.written) return;
    state.written = true;
    const line = {
      time: new Date().toISOString(),
      ...state.fields,
      status: c.res.status,
      ms: Math.round(performance.now() - state.startedAt),
    };
    this.sink(Object.fromEntries(Object.entries(line).filter(([, value]) => value !== undefined)));
  }
}
