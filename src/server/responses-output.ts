/** @module The JSON shapes of the Responses API: the response object, its reasoning and message items, its usage. */
import type { ReasonResult } from '../spec/engine.js';
import { toFinishReason } from './chat-response.js';
import type { ResponsesRequest } from './responses-schema.js';
import { toCompletionUsage } from './usage.js';

/** Ids and timestamp shared by every event of one response; item ids derive from the response id. */
export interface ResponseIdentity {
  id: string;
  reasoningId: string;
  messageId: string;
  createdAt: number;
  model: string;
}

/** A fresh response id (`resp_…`) with its items' ids (`rs_…`, `msg_…`, same suffix). */
export function newResponseIdentity(model: string): ResponseIdentity {
  const suffix = crypto.randomUUID().replaceAll('-', '');
  return { id: `resp_${suffix}`, reasoningId: `rs_${suffix}`, messageId: `msg_${suffix}`, createdAt: Math.floor(Date.now() / 1000), model };
}

/** The response id a message item id belongs to (`msg_x` → `resp_x`), for `item_reference` inputs. */
export function responseIdOfItem(itemId: string): string | undefined {
  return itemId.startsWith('msg_') ? `resp_${itemId.slice(4)}` : undefined;
}

/** OpenAI's Responses usage, with slowthink's engine detail in `x_slowthink`. */
export function toResponseUsage(result: ReasonResult) {
  const usage = toCompletionUsage([result]);
  return {
    input_tokens: usage.prompt_tokens,
    input_tokens_details: { cached_tokens: usage.prompt_tokens_details.cached_tokens },
    output_tokens: usage.completion_tokens,
    output_tokens_details: { reasoning_tokens: usage.completion_tokens_details.reasoning_tokens },
    total_tokens: usage.total_tokens,
    x_slowthink: usage.x_slowthink,
  };
}

export type ResponseUsage = ReturnType<typeof toResponseUsage>;

/** The reasoning item: slowthink's narration of its search is the summary (there is no hidden chain to hide). */
export function reasoningItem(identity: ResponseIdentity, text: string | undefined, status: 'in_progress' | 'completed') {
  return {
    type: 'reasoning' as const,
    id: identity.reasoningId,
    summary: text === undefined ? [] : [{ type: 'summary_text' as const, text }],
    status,
  };
}

/** The output text part of the message item. */
export function outputText(text: string) {
  return { type: 'output_text' as const, text, annotations: [], logprobs: [] };
}

/** The assistant message item. */
export function messageItem(identity: ResponseIdentity, text: string | undefined, status: 'in_progress' | 'completed' | 'incomplete') {
  return {
    type: 'message' as const,
    id: identity.messageId,
    role: 'assistant' as const,
    status,
    content: text === undefined ? [] : [outputText(text)],
  };
}

/** What the finished run left: its result and the reasoning the client may see (undefined: none shown). */
export interface ResponseOutcome {
  result: ReasonResult;
  reasoning: string | undefined;
}

/** The response object, in progress (no outcome yet) or final; echoes the request's settings as OpenAI does. */
export function toResponseObject(identity: ResponseIdentity, body: ResponsesRequest, effort: string, outcome?: ResponseOutcome) {
  const incomplete = outcome !== undefined && toFinishReason(outcome.result.finishReason, outcome.result.stoppedBy) === 'length';
  const status = outcome === undefined ? 'in_progress' : incomplete ? 'incomplete' : 'completed';
  const output =
    outcome === undefined
      ? []
      : [
          ...(outcome.reasoning === undefined ? [] : [reasoningItem(identity, outcome.reasoning, 'completed')]),
          messageItem(identity, outcome.result.text, incomplete ? 'incomplete' : 'completed'),
        ];
  return {
    id: identity.id,
    object: 'response' as const,
    created_at: identity.createdAt,
    status,
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: identity.model,
    output,
    parallel_tool_calls: false,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort, summary: body.reasoning?.summary ?? body.reasoning?.generate_summary ?? null },
    store: body.store !== false,
    temperature: body.temperature ?? null,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: body.top_p ?? null,
    truncation: 'disabled',
    usage: outcome === undefined ? null : toResponseUsage(outcome.result),
    metadata: {},
  };
}
