/** @module POST /v1/chat/completions: validate, admit, start one engine run per choice, answer as JSON or SSE. */
import type { Context } from 'hono';
import { ApiError, invalidRequest, retryHeaders, toApiError } from './api-error.js';
import { bounded } from './bounded-text.js';
import { newIdentity, toChatCompletion } from './chat-response.js';
import { streamChoices } from './chat-stream.js';
import { ChoiceRun, type ServerEngine } from './choice-run.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
import { jsonShapeProblem } from './json-shape.js';
import type { ModelCatalog } from './model-catalog.js';
import type { RequestLog } from './request-log.js';
import { parseChatCompletionRequest } from './request-schema.js';
import { type PlannedRequest, toReasonRequest } from './to-reason-request.js';

/** What the route needs; all of it comes from createApp's options. */
export interface ChatCompletionsDependencies {
  engine: ServerEngine;
  catalog: ModelCatalog;
  limiter: ConcurrencyLimiter;
  keepAliveMs: number;
  coalesceMs: number;
  retryAfterSeconds: number;
  startGraceMs: number;
  nonStreamingMaxSeconds: number;
  /** The first reasoning line, sent before the engine reports anything (honest progress: the plan). */
  describePlan: (plan: PlannedRequest) => string | undefined;
  log: RequestLog;
  logPrompts: boolean;
}

async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  // JSON.parse of 150k keys blocks the event loop for a tenth of a second; this pass costs a few ms for 4 MB.
  const problem = jsonShapeProblem(text);
  if (problem !== undefined) {
    throw invalidRequest(`The request body has ${problem}; a chat completion request needs far fewer.`, null, 'invalid_request_body');
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

function createRuns(engine: ServerEngine, plan: PlannedRequest, stream: boolean, maxSeconds: number): ChoiceRun[] {
  return Array.from({ length: plan.n }, (_, index) => {
    const request = { ...plan.reason, budget: { ...plan.reason.budget } };
    if (request.seed !== undefined) request.seed += index;
    // A non-streaming call past ~300 s hits client header timeouts and gets retried: answer with the best so far instead.
    if (!stream) request.budget.maxSeconds = Math.min(request.budget.maxSeconds ?? maxSeconds, maxSeconds);
    return new ChoiceRun(engine, request);
  });
}

/** The Chat Completions handler. */
export function createChatCompletionsHandler(dependencies: ChatCompletionsDependencies) {
  return async (c: Context): Promise<Response> => {
    const parsed = parseChatCompletionRequest(await readBody(c));
    if (parsed instanceof ApiError) throw parsed;
    const { request, ignored } = parsed;
    dependencies.log.annotate(c, { model: bounded(request.model) });
    const plan = toReasonRequest(request);
    dependencies.log.annotate(c, {
      effort: plan.effort,
      n: plan.n,
      stream: plan.stream,
      ignored_fields: ignored.count > 0 ? ignored.names : undefined,
      ignored_field_count: ignored.count > ignored.names.length ? ignored.count : undefined,
      ...(dependencies.logPrompts ? { messages: plan.reason.messages } : {}),
    });
    await dependencies.catalog.check(plan.modelName);
    const waitStarted = performance.now();
    const release = await dependencies.limiter.acquire(plan.n, c.req.raw.signal);
    const queuedMs = Math.round(performance.now() - waitStarted);
    if (queuedMs > 0) {
      dependencies.log.annotate(c, { queued_ms: queuedMs });
      c.header('x-slowthink-queued-ms', String(queuedMs));
    }
    if (!release) {
      const { limiter } = dependencies;
      throw new ApiError(
        429,
        `The server is at its limit of ${limiter.max} concurrent engine runs and ${limiter.maxQueued} waiting requests. Please try again shortly.`,
        {
          type: 'rate_limit_error',
          code: 'rate_limit_exceeded',
          headers: retryHeaders(dependencies.retryAfterSeconds),
        },
      );
    }
    const runs = createRuns(dependencies.engine, plan, plan.stream, dependencies.nonStreamingMaxSeconds);
    const abortAll = () => {
      for (const run of runs) run.abort();
    };
    // The request's signal lives as long as its keep-alive socket: a listener left on it kept every request (and its
    // body) reachable, so it is removed the moment the request is over.
    const signal = c.req.raw.signal;
    const stopListening = () => signal.removeEventListener('abort', abortAll);
    let streaming = false;
    try {
      signal.addEventListener('abort', abortAll, { once: true });
      const failures = await Promise.all(runs.map((run) => run.start(dependencies.startGraceMs)));
      const failure = failures.find((error) => error !== undefined);
      if (failure !== undefined) throw toApiError(failure, dependencies.retryAfterSeconds);
      const identity = newIdentity(plan.modelId);
      const planLine = dependencies.describePlan(plan);
      if (plan.stream) {
        streaming = true;
        dependencies.log.defer(c);
        return streamChoices(c, {
          identity,
          runs,
          planLine,
          excludeReasoning: plan.excludeReasoning,
          includeUsage: plan.includeUsage,
          keepAliveMs: dependencies.keepAliveMs,
          coalesceMs: dependencies.coalesceMs,
          retryAfterSeconds: dependencies.retryAfterSeconds,
          onDone: ({ error, outcomes }) => {
            stopListening();
            release();
            const usage = outcomes?.map((outcome) => outcome.result.usage.completionTokens);
            dependencies.log.annotate(c, {
              completion_tokens: usage,
              stream_error: error === undefined ? undefined : toApiError(error).code,
            });
            dependencies.log.flush(c);
          },
        });
      }
      const outcomes = await Promise.all(runs.map((run) => run.run(() => {}, planLine)));
      dependencies.log.annotate(c, { completion_tokens: outcomes.map((outcome) => outcome.result.usage.completionTokens) });
      return c.json(toChatCompletion(identity, outcomes, plan.excludeReasoning));
    } catch (error) {
      abortAll();
      throw toApiError(error, dependencies.retryAfterSeconds);
    } finally {
      if (!streaming) {
        stopListening();
        release();
      }
    }
  };
}
