/** @module POST /v1/responses: the Responses API on the same planner, limits, engine runs and error mapping as chat completions. */
import type { Context } from 'hono';
import { memberNames } from '../engine/resolve-members.js';
import type { Message } from '../spec/model.js';
import { admit, createRuns, readBody } from './admission.js';
import { ApiError, toApiError } from './api-error.js';
import { bounded } from './bounded-text.js';
import type { ChatCompletionsDependencies } from './chat-completions-route.js';
import type { ChoiceOutcome } from './choice-run.js';
import type { ResponseStore } from './response-store.js';
import { newResponseIdentity, responseIdOfItem, toResponseObject } from './responses-output.js';
import { inputMessages, parseResponsesRequest, type ResponsesRequest, toChatRequest } from './responses-schema.js';
import { streamResponse } from './responses-stream.js';
import { type PlannedRequest, toReasonRequest } from './to-reason-request.js';

/** The chat route's dependencies plus the store behind `previous_response_id`. */
export interface ResponsesDependencies extends ChatCompletionsDependencies {
  store: ResponseStore;
}

function previousNotFound(id: string): ApiError {
  return new ApiError(404, `Previous response with id '${bounded(id, 256)}' not found.`, {
    param: 'previous_response_id',
    code: 'previous_response_not_found',
  });
}

/** Plans through the chat planner; its errors about `messages[i]` name `input` instead, the param this client sent. */
function planResponse(body: ResponsesRequest, messages: Message[]): PlannedRequest {
  try {
    return toReasonRequest(toChatRequest(body, messages));
  } catch (error) {
    if (!(error instanceof ApiError) || !error.param?.startsWith('messages')) throw error;
    const message = error.message.replace(/'messages\[\d+\]\.?([^']*)'/g, (_, rest: string) => `'input${rest ? `.${rest}` : ''}'`);
    throw new ApiError(error.status, message, { param: 'input', code: error.code });
  }
}

/** The Responses handler. */
export function createResponsesHandler(dependencies: ResponsesDependencies) {
  const { store } = dependencies;
  const lookupItem = (itemId: string): Message | undefined => {
    const responseId = responseIdOfItem(itemId);
    const messages = responseId === undefined ? undefined : store.get(responseId)?.messages;
    return messages?.at(-1);
  };
  return async (c: Context): Promise<Response> => {
    const parsed = parseResponsesRequest(await readBody(c));
    if (parsed instanceof ApiError) throw parsed;
    const { request: body, ignored } = parsed;
    dependencies.log.annotate(c, { model: bounded(body.model) });
    const previousId = body.previous_response_id ?? undefined;
    const previous = previousId === undefined ? [] : store.get(previousId)?.messages;
    if (previousId !== undefined && previous === undefined) throw previousNotFound(previousId);
    // Instructions are not carried to the next turn (OpenAI's rule): they are outside the stored conversation.
    const conversation = [...(previous ?? []), ...inputMessages(body.input, lookupItem)];
    const instructions: Message[] = body.instructions ? [{ role: 'system', content: body.instructions }] : [];
    const plan = planResponse(body, [...instructions, ...conversation]);
    dependencies.log.annotate(c, {
      effort: plan.effort,
      stream: plan.stream,
      previous_response_id: previousId === undefined ? undefined : bounded(previousId, 64),
      ignored_fields: ignored.count > 0 ? ignored.names : undefined,
      ignored_field_count: ignored.count > ignored.names.length ? ignored.count : undefined,
      ...(dependencies.logPrompts ? { messages: plan.reason.messages } : {}),
    });
    await dependencies.catalog.check(plan.modelName);
    // A society's member models are selected by the client too: the same catalog decides (issue #14).
    for (const name of memberNames(plan.reason.options?.models)) await dependencies.catalog.check(name);
    const release = await admit(c, dependencies.limiter, dependencies.log, 1, dependencies.retryAfterSeconds);
    const [run] = createRuns(dependencies.engine, plan, plan.stream, dependencies.nonStreamingMaxSeconds);
    if (run === undefined) throw new Error('createRuns made no run for n = 1');
    const abort = () => run.abort();
    // Removed when the request ends: a listener on a keep-alive socket's signal would keep the request reachable.
    const signal = c.req.raw.signal;
    const stopListening = () => signal.removeEventListener('abort', abort);
    const identity = newResponseIdentity(plan.modelId);
    const keep = (outcome: ChoiceOutcome) => {
      if (body.store === false) return;
      store.set(identity.id, { messages: [...conversation, { role: 'assistant', content: outcome.result.text }] });
    };
    const shown = (outcome: ChoiceOutcome) => ({
      result: outcome.result,
      reasoning: plan.excludeReasoning ? undefined : outcome.reasoning,
    });
    let streaming = false;
    try {
      signal.addEventListener('abort', abort, { once: true });
      const failure = await run.start(dependencies.startGraceMs);
      if (failure !== undefined) throw toApiError(failure, dependencies.retryAfterSeconds);
      const planLine = dependencies.describePlan(plan);
      if (plan.stream) {
        streaming = true;
        dependencies.log.defer(c);
        return streamResponse(c, {
          identity,
          run,
          planLine,
          excludeReasoning: plan.excludeReasoning,
          snapshot: (outcome) => toResponseObject(identity, body, plan.effort, outcome === undefined ? undefined : shown(outcome)),
          keepAliveMs: dependencies.keepAliveMs,
          coalesceMs: dependencies.coalesceMs,
          retryAfterSeconds: dependencies.retryAfterSeconds,
          onDone: ({ error, outcome }) => {
            stopListening();
            release();
            if (outcome !== undefined) keep(outcome);
            dependencies.log.annotate(c, {
              completion_tokens: outcome?.result.usage.completionTokens,
              stream_error: error === undefined ? undefined : toApiError(error).code,
            });
            dependencies.log.flush(c);
          },
        });
      }
      const outcome = await run.run(() => {}, planLine);
      keep(outcome);
      dependencies.log.annotate(c, { completion_tokens: outcome.result.usage.completionTokens });
      return c.json(toResponseObject(identity, body, plan.effort, shown(outcome)));
    } catch (error) {
      abort();
      throw toApiError(error, dependencies.retryAfterSeconds);
    } finally {
      if (!streaming) {
        stopListening();
        release();
      }
    }
  };
}
