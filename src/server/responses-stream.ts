/** @module Streams one response as Responses API events: reasoning summary deltas, then output text deltas, then `response.completed`. */
import type { Context } from 'hono';
import { toApiError } from './api-error.js';
import type { ChoiceOutcome, ChoiceRun } from './choice-run.js';
import { DeltaCoalescer } from './delta-coalescer.js';
import { messageItem, outputText, type ResponseIdentity, reasoningItem, type toResponseObject } from './responses-output.js';
import { sseResponse } from './sse-response.js';

type ResponseObject = ReturnType<typeof toResponseObject>;

/** How to stream one response. */
export interface StreamResponseOptions {
  identity: ResponseIdentity;
  run: ChoiceRun;
  planLine: string | undefined;
  /** Run the reasoning but send no reasoning item (effort `none`). */
  excludeReasoning: boolean;
  /** The response object, in progress (no outcome) or final. */
  snapshot: (outcome?: ChoiceOutcome) => ResponseObject;
  keepAliveMs: number;
  coalesceMs: number;
  retryAfterSeconds: number;
  /** Called once when the stream is over, however it ended. */
  onDone: (outcome: { error?: unknown; outcome?: ChoiceOutcome }) => void;
}

/**
 * Sends `event: <type>` / `data: {…, sequence_number}` pairs in the order the openai SDK, the AI SDK and LangChain
 * accept. Reasoning that arrives after the answer began is not streamed (its item is closed) but is in the final
 * object. A failure after the headers is an `error` event then `response.failed`; a client gone aborts the run.
 */
export function streamResponse(c: Context, options: StreamResponseOptions): Response {
  const { run } = options;
  let sequence = 0;
  return sseResponse(c, {
    keepAliveMs: options.keepAliveMs,
    onCancel: () => run.abort(),
    write: ({ send }) => {
      const event = (type: string, fields: Record<string, unknown>) =>
        send(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence++, ...fields })}\n\n`);
      return writeResponseEvents(event, options);
    },
  });
}

/** The Responses API's event order for one run, written through `event`. */
async function writeResponseEvents(
  event: (type: string, fields: Record<string, unknown>) => void,
  options: StreamResponseOptions,
): Promise<void> {
  const { identity, run } = options;
  // Widened: the callbacks below move it, which narrowing after an await cannot see.
  let stage = 'none' as 'none' | 'reasoning' | 'reasoning-done' | 'message';
  let reasoning = '';
  const reasoningFields = { item_id: identity.reasoningId, output_index: 0, summary_index: 0 };
  const messageIndex = () => (options.excludeReasoning ? 0 : 1);
  const textFields = () => ({ item_id: identity.messageId, output_index: messageIndex(), content_index: 0 });
  const openReasoning = () => {
    stage = 'reasoning';
    event('response.output_item.added', { output_index: 0, item: reasoningItem(identity, undefined, 'in_progress') });
    event('response.reasoning_summary_part.added', { ...reasoningFields, part: { type: 'summary_text', text: '' } });
  };
  const closeReasoning = () => {
    if (stage === 'none' && !options.excludeReasoning) openReasoning();
    if (stage !== 'reasoning') return;
    stage = 'reasoning-done';
    event('response.reasoning_summary_text.done', { ...reasoningFields, text: reasoning });
    event('response.reasoning_summary_part.done', { ...reasoningFields, part: { type: 'summary_text', text: reasoning } });
    event('response.output_item.done', { output_index: 0, item: reasoningItem(identity, reasoning, 'completed') });
  };
  const openMessage = () => {
    closeReasoning();
    stage = 'message';
    event('response.output_item.added', { output_index: messageIndex(), item: messageItem(identity, undefined, 'in_progress') });
    event('response.content_part.added', { ...textFields(), part: outputText('') });
  };
  const coalescer = new DeltaCoalescer(options.coalesceMs, (part) => {
    if (part.channel === 'reasoning') {
      if (options.excludeReasoning || stage === 'message' || stage === 'reasoning-done') return;
      if (stage === 'none') openReasoning();
      reasoning += part.text;
      event('response.reasoning_summary_text.delta', { ...reasoningFields, delta: part.text });
      return;
    }
    if (stage !== 'message') openMessage();
    event('response.output_text.delta', { ...textFields(), delta: part.text, logprobs: [] });
  });
  let error: unknown;
  let outcome: ChoiceOutcome | undefined;
  try {
    const started = options.snapshot();
    event('response.created', { response: started });
    event('response.in_progress', { response: started });
    outcome = await run.run((part) => coalescer.push(part), options.planLine);
    coalescer.flush();
    if (stage !== 'message') openMessage();
    const final = options.snapshot(outcome);
    const finalText = outcome.result.text;
    event('response.output_text.done', { ...textFields(), text: finalText, logprobs: [] });
    event('response.content_part.done', { ...textFields(), part: outputText(finalText) });
    const message = final.output.find((item) => item.type === 'message');
    event('response.output_item.done', { output_index: messageIndex(), item: message });
    event(final.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: final });
  } catch (caught) {
    error = caught;
    run.abort();
    coalescer.flush();
    const apiError = toApiError(caught, options.retryAfterSeconds);
    event('error', { code: apiError.code, message: apiError.message, param: apiError.param });
    const failed = {
      ...options.snapshot(),
      status: 'failed',
      error: { code: apiError.code ?? 'server_error', message: apiError.message },
    };
    event('response.failed', { response: failed });
  } finally {
    options.onDone({ error, outcome });
  }
}
