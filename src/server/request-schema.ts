/** @module The zod schema of a Chat Completions request: lenient about unknown fields (dropped, named in the log), strict about values we read. */
import { z } from 'zod';
import { type ApiError, invalidRequest } from './api-error.js';
import { bounded } from './bounded-text.js';

/** Largest `n` a request may ask for: each choice is a whole engine run. */
export const MAX_CHOICES = 8;

const positiveInteger = z.number().int().min(1);

const contentPart = z.object({ type: z.string(), text: z.string().optional() });

const message = z.object({
  role: z.string(),
  content: z
    .union([z.string(), z.array(contentPart)])
    .nullable()
    .optional(),
});

export const reasoningSchema = z.object({
  effort: z.string().nullable().optional(),
  max_tokens: positiveInteger.nullable().optional(),
  exclude: z.boolean().nullable().optional(),
  enabled: z.boolean().nullable().optional(),
  summary: z.string().nullable().optional(),
});

const thinking = z.object({
  type: z.enum(['enabled', 'disabled', 'adaptive']),
  budget_tokens: positiveInteger.nullable().optional(),
});

/** Our own extension object; strict, since every key in it is ours and a typo should not pass silently. */
export const slowthinkExtensionSchema = z.strictObject({
  strategy: z.string().min(1).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  task: z.string().min(1).optional(),
  max_usd: z.number().positive().optional(),
  max_seconds: z.number().positive().optional(),
  max_calls: positiveInteger.optional(),
  max_tokens: positiveInteger.optional(),
});

/**
 * A Chat Completions request body as we accept it. Unknown keys are dropped (zod's default strip), never copied: a body
 * of 150k unknown keys must not cost the event loop more than reading it.
 */
export const chatCompletionRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  reasoning_effort: z.string().nullable().optional(),
  reasoning: reasoningSchema.nullable().optional(),
  thinking: thinking.nullable().optional(),
  chat_template_kwargs: z.object({ enable_thinking: z.boolean().optional() }).nullable().optional(),
  max_completion_tokens: positiveInteger.nullable().optional(),
  max_tokens: positiveInteger.nullable().optional(),
  n: positiveInteger.max(MAX_CHOICES).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  seed: z.number().int().min(0).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().nullable().optional() }).nullable().optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  tools: z.array(z.unknown()).nullable().optional(),
  response_format: z.object({ type: z.string() }).nullable().optional(),
  slowthink: slowthinkExtensionSchema.nullable().optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;

/** Names of ignored fields a log line carries at most. */
const MAX_LOGGED_FIELDS = 20;

/** Top-level fields we accept but do not read (`store`, `user`, `metadata`, …), for the log line: the first few, bounded. */
export interface IgnoredFields {
  names: string[];
  count: number;
}

/** Formats a zod path the way OpenAI names params: `messages[2].content`. */
export function formatParam(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

type Issue = z.core.$ZodIssue;

/** For a failed union, the branch that got furthest into the value says best what was wrong. */
function deepestIssue(issue: Issue, prefix: PropertyKey[]): { issue: Issue; path: PropertyKey[] } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path };
  let best: { issue: Issue; path: PropertyKey[] } | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, path);
      if (!best || candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best ?? { issue, path };
}

/** The known fields of `body`, and the names of the others (one pass over the keys, no copy of their values). */
function splitFields(
  body: Record<string, unknown>,
  knownFields: ReadonlySet<string>,
): { known: Record<string, unknown>; ignored: IgnoredFields } {
  const known: Record<string, unknown> = {};
  const ignored: IgnoredFields = { names: [], count: 0 };
  for (const key in body) {
    if (!Object.hasOwn(body, key)) continue;
    if (knownFields.has(key)) known[key] = body[key];
    else if (ignored.count++ < MAX_LOGGED_FIELDS) ignored.names.push(bounded(key, 64));
  }
  return { known, ignored };
}

/** A parsed request and the top-level fields it carried that we do not read. */
export interface ParsedRequest<T = ChatCompletionRequest> {
  request: T;
  ignored: IgnoredFields;
}

/** Parses a request body against an object schema (unknown top-level keys dropped and named), or returns the 400 naming the first offending param. */
export function parseRequestBody<S extends z.ZodObject>(schema: S, body: unknown): ParsedRequest<z.infer<S>> | ApiError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalidRequest('The request body must be a JSON object.', null, 'invalid_request_body');
  }
  const { known, ignored } = splitFields(body as Record<string, unknown>, new Set(Object.keys(schema.shape)));
  const result = schema.safeParse(known);
  if (result.success) return { request: result.data, ignored };
  const first = result.error.issues[0]!;
  const { issue, path } = deepestIssue(first, []);
  const param = bounded(formatParam(path), 256);
  const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
  const message = missing ? `Missing required parameter: '${param}'.` : `Invalid value for '${param}': ${issue.message}.`;
  return invalidRequest(
    message,
    param,
    missing ? 'missing_required_parameter' : issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value',
  );
}

/** Parses a Chat Completions request body, or returns the 400 naming the first offending param. */
export function parseChatCompletionRequest(body: unknown): ParsedRequest | ApiError {
  return parseRequestBody(chatCompletionRequestSchema, body);
}
