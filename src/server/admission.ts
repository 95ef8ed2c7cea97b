/** @module What every generating route does before the engine runs: read a bounded JSON body, wait for engine slots. */
import type { Context } from 'hono';
import { ApiError, invalidRequest, retryHeaders } from './api-error.js';
import { ChoiceRun, type ServerEngine } from './choice-run.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import { jsonShapeProblem } from './json-shape.js';
import type { RequestLog } from './request-log.js';
import type { PlannedRequest } from './to-reason-request.js';

/** Reads the request body as JSON, refusing shapes that would block the event loop. */
export async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  // JSON.parse of 150k keys blocks the event loop for a tenth of a second; this pass costs a few ms for 4 MB.
  const problem = jsonShapeProblem(text);
  if (problem !== undefined) {
    throw invalidRequest(`The request body has ${problem}; a request needs far fewer.`, null, 'invalid_request_body');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest(
      'We could not parse the JSON body of your request. The body must be a JSON object (Content-Type: application/json).',
      null,
      'invalid_request_body',
    );
  }
}

/** Waits for `slots` engine runs; returns the release, or throws the 429 when the line is full or the wait too long. */
export async function admit(
  c: Context,
  limiter: ConcurrencyLimiter,
  log: RequestLog,
  slots: number,
  retryAfterSeconds: number,
): Promise<() => void> {
  const waitStarted = performance.now();
  const release = await limiter.acquire(slots, c.req.raw.signal);
  const queuedMs = Math.round(performance.now() - waitStarted);
  if (queuedMs > 0) {
    log.annotate(c, { queued_ms: queuedMs });
    c.header('x-slowthink-queued-ms', String(queuedMs));
  }
  if (!release) {
    throw new ApiError(
      429,
      `The server is at its limit of ${limiter.max} concurrent engine runs and ${limiter.maxQueued} waiting requests. Please try again shortly.`,
      { type: 'rate_limit_error', code: 'rate_limit_exceeded', headers: retryHeaders(retryAfterSeconds) },
    );
  }
  return release;
}

/** One engine run per choice, seeds spread; a non-streaming run is capped at `maxSeconds` of wall clock. */
export function createRuns(engine: ServerEngine, plan: PlannedRequest, stream: boolean, maxSeconds: number): ChoiceRun[] {
  return Array.from({ length: plan.n }, (_, index) => {
    const request = { ...plan.reason, budget: { ...plan.reason.budget } };
    if (request.seed !== undefined) request.seed += index;
    // A non-streaming call past ~300 s hits client header timeouts and gets retried: answer with the best so far instead.
    if (!stream) request.budget.maxSeconds = Math.min(request.budget.maxSeconds ?? maxSeconds, maxSeconds);
    return new ChoiceRun(engine, request);
  });
}
