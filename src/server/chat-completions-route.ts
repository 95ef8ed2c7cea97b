/** @module POST /v1/chat/completions: validate, admit, start one engine run per choice, answer as JSON or SSE. */
import type { Context } from 'hono';
import { memberNames } from '../engine/resolve-members.js';
import { admit, createRuns, readBody } from './admission.js';
import { ApiError, toApiError } from './api-error.js';
import { bounded } from './bounded-text.js';
import { newIdentity, toChatCompletion } from './chat-response.js';
import { streamChoices } from './chat-stream.js';
import type { ServerEngine } from './choice-run.js';
import type { ConcurrencyLimiter } from './concurrency-limiter.js';
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
    // A society's member models are selected by the client too: the same catalog decides (issue #14).
    for (const name of memberNames(plan.reason.options?.models)) await dependencies.catalog.check(name);
    const release = await admit(c, dependencies.limiter, dependencies.log, plan.n, dependencies.retryAfterSeconds);
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
