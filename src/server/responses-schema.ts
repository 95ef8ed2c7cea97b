/** @module The zod schema of a Responses API request, and its translation to the Chat Completions request the planner reads. */
import { z } from 'zod';
import { lastUserText, type Message } from '../spec/model.js';
import { ApiError, invalidRequest } from './api-error.js';
import { bounded } from './bounded-text.js';
import { type ChatCompletionRequest, type ParsedRequest, parseRequestBody, slowthinkExtensionSchema } from './request-schema.js';

/** Most input items one request may carry (a long conversation is sent by `previous_response_id`, not inline). */
export const MAX_INPUT_ITEMS = 1024;

const ROLES: ReadonlySet<string> = new Set(['system', 'developer', 'user', 'assistant']);

const positiveInteger = z.number().int().min(1);

const inputContent = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]);

/** A message, a `reasoning` item sent back (skipped), or an `item_reference` to a stored answer; other keys are dropped. */
const inputItem = z.object({
  type: z.string().optional(),
  id: z.string().optional(),
  role: z.string().optional(),
  content: inputContent.nullable().optional(),
});

export type ResponsesInputItem = z.infer<typeof inputItem>;

/** A Responses request as we accept it: unknown top-level keys dropped and named in the log, values we read checked. */
export const responsesRequestSchema = z.object({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(inputItem).max(MAX_INPUT_ITEMS)]),
  instructions: z.string().nullable().optional(),
  reasoning: z
    .object({
      effort: z.string().nullable().optional(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
      generate_summary: z.enum(['auto', 'concise', 'detailed']).nullable().optional(),
    })
    .nullable()
    .optional(),
  max_output_tokens: positiveInteger.nullable().optional(),
  stream: z.boolean().nullable().optional(),
  store: z.boolean().nullable().optional(),
  previous_response_id: z.string().min(1).max(256).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  seed: z.number().int().min(0).nullable().optional(),
  tools: z.array(z.unknown()).nullable().optional(),
  text: z
    .object({ format: z.object({ type: z.string() }).nullable().optional() })
    .nullable()
    .optional(),
  slowthink: slowthinkExtensionSchema.nullable().optional(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

/** Parses a Responses request body, or returns the 400 naming the first offending param. */
export function parseResponsesRequest(body: unknown): ParsedRequest<ResponsesRequest> | ApiError {
  return parseRequestBody(responsesRequestSchema, body);
}

function contentText(content: ResponsesInputItem['content'], param: string): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      if (!['input_text', 'output_text', 'text'].includes(part.type) || typeof part.text !== 'string') {
        throw invalidRequest(
          `Unsupported content part type '${part.type}' in '${param}[${index}]': only text parts are supported.`,
          `${param}[${index}].type`,
          'unsupported_value',
        );
      }
      return part.text;
    })
    .join('\n');
}

/**
 * The request's input as chat messages. `lookup` resolves an `item_reference` (what the AI SDK sends for earlier
 * answers when `store` is on) to the stored assistant message; reasoning items sent back carry nothing we need.
 */
export function inputMessages(input: ResponsesRequest['input'], lookup: (itemId: string) => Message | undefined): Message[] {
  if (typeof input === 'string') return withUserText([{ role: 'user', content: input }]);
  const messages: Message[] = [];
  input.forEach((item, index) => {
    const type = item.type ?? 'message';
    if (type === 'reasoning') return;
    if (type === 'item_reference') {
      // The AI SDK references earlier reasoning items too; like reasoning items sent inline, they add nothing.
      if (item.id?.startsWith('rs_')) return;
      const found = item.id === undefined ? undefined : lookup(item.id);
      if (found === undefined) {
        // OpenAI answers an unknown item with 404, as it does an unknown previous_response_id.
        throw new ApiError(404, `Item with id '${bounded(item.id ?? '', 256)}' not found; send its content instead.`, {
          param: `input[${index}].id`,
          code: 'item_not_found',
        });
      }
      messages.push(found);
      return;
    }
    if (type !== 'message' || item.role === undefined) {
      throw invalidRequest(
        `Unsupported input item type '${type}' in 'input[${index}]': only messages are supported.`,
        `input[${index}].type`,
        'unsupported_value',
      );
    }
    // Checked here, not left to the planner, so the 400 names `input[i].role` rather than the chat route's `messages[i].role`.
    if (!ROLES.has(item.role)) {
      throw invalidRequest(
        `Unsupported value: 'input[${index}].role' does not support '${item.role}'; use system, developer, user or assistant.`,
        `input[${index}].role`,
        'unsupported_value',
      );
    }
    messages.push({ role: item.role as Message['role'], content: contentText(item.content, `input[${index}].content`) });
  });
  if (messages.length === 0) throw invalidRequest("'input' has no message to answer.", 'input');
  return withUserText(messages);
}

/** Checked here so the 400 names 'input' in the API's words, not the engine's (whose hint is written for the CLI). */
function withUserText(messages: Message[]): Message[] {
  if (lastUserText(messages).trim() === '') {
    throw invalidRequest("'input' has no user text to answer: its last user message is empty or missing.", 'input', 'empty_input');
  }
  return messages;
}

/** The Chat Completions request with the same meaning, so effort, budgets, limits and validation stay one code path. */
export function toChatRequest(body: ResponsesRequest, messages: readonly Message[]): ChatCompletionRequest {
  const format = body.text?.format?.type;
  if (format !== undefined && format !== 'text') {
    throw invalidRequest(
      `Unsupported value: 'text.format.type' does not support '${format}'; only 'text' is supported.`,
      'text.format.type',
      'unsupported_value',
    );
  }
  return {
    model: body.model,
    messages: messages.map((message) => ({ role: message.role, content: message.content })),
    reasoning: body.reasoning?.effort == null ? undefined : { effort: body.reasoning.effort },
    max_completion_tokens: body.max_output_tokens ?? undefined,
    temperature: body.temperature ?? undefined,
    top_p: body.top_p ?? undefined,
    seed: body.seed ?? undefined,
    stream: body.stream ?? undefined,
    tools: body.tools ?? undefined,
    slowthink: body.slowthink ?? undefined,
  };
}
