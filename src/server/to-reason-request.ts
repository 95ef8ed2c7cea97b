/** @module Turns a validated Chat Completions request into an engine ReasonRequest: effort precedence, budgets, messages. */
import { DEFAULT_EFFORT, effortForTokens } from '../budget/index.js';
import type { BudgetLimits } from '../spec/budget.js';
import { EFFORTS, type Effort, type ReasonRequest } from '../spec/engine.js';
import type { Message, Role } from '../spec/model.js';
import { invalidRequest } from './api-error.js';
import { parseModelId, toEffort } from './parse-model-id.js';
import type { ChatCompletionRequest } from './request-schema.js';

/** Everything the server needs to run and render one request. */
export interface PlannedRequest {
  /** The engine request of one choice (without a signal; each run gets its own). */
  reason: ReasonRequest;
  /** The model id echoed in responses, as the client sent it. */
  modelId: string;
  /** The engine's model name (the id without its effort suffix). */
  modelName: string;
  effort: Effort;
  n: number;
  stream: boolean;
  includeUsage: boolean;
  /** Run the reasoning but do not return it (`reasoning.exclude`, effort `none`). */
  excludeReasoning: boolean;
}

const ROLES: readonly Role[] = ['system', 'developer', 'user', 'assistant'];

function toMessages(messages: ChatCompletionRequest['messages']): Message[] {
  return messages.map((message, index) => {
    if (!(ROLES as readonly string[]).includes(message.role)) {
      throw invalidRequest(
        `Unsupported value: 'messages[${index}].role' does not support '${message.role}'; use system, developer, user or assistant.`,
        `messages[${index}].role`,
        'unsupported_value',
      );
    }
    const content = message.content ?? '';
    if (typeof content === 'string') return { role: message.role as Role, content };
    const texts = content.map((part, partIndex) => {
      if (part.type !== 'text' || typeof part.text !== 'string') {
        throw invalidRequest(
          `Unsupported content part type '${part.type}' in 'messages[${index}].content[${partIndex}]': only text parts are supported.`,
          `messages[${index}].content[${partIndex}].type`,
          'unsupported_value',
        );
      }
      return part.text;
    });
    return { role: message.role as Role, content: texts.join('\n') };
  });
}

function readEffort(value: string, param: string): Effort {
  const effort = toEffort(value);
  if (effort === undefined) {
    throw invalidRequest(
      `Unsupported value: '${param}' does not support '${value}'; use one of ${EFFORTS.join(', ')}.`,
      param,
      'unsupported_value',
    );
  }
  return effort;
}

/** Effort precedence (§7.2): reasoning_effort > reasoning.effort/enabled > thinking.type > model suffix > enable_thinking > default. */
function chooseEffort(body: ChatCompletionRequest, suffix: Effort | undefined, reasoningBudget: number | undefined): Effort {
  if (typeof body.reasoning_effort === 'string') return readEffort(body.reasoning_effort, 'reasoning_effort');
  if (typeof body.reasoning?.effort === 'string') return readEffort(body.reasoning.effort, 'reasoning.effort');
  if (body.reasoning?.enabled === false) return 'none';
  if (body.thinking?.type === 'disabled') return 'none';
  if (body.thinking?.type === 'adaptive') return 'auto';
  if (suffix !== undefined) return suffix;
  if (body.chat_template_kwargs?.enable_thinking === false) return 'none';
  if (reasoningBudget !== undefined) return effortForTokens(reasoningBudget);
  return DEFAULT_EFFORT;
}

/** `logprobs`/`top_logprobs` are accepted and answered with `logprobs: null` (a slowthink engine asks for them of its backends). */
function rejectUnsupported(body: ChatCompletionRequest): void {
  if (body.tools && body.tools.length > 0) {
    throw invalidRequest("Unsupported parameter: 'tools' is not supported by slowthink yet.", 'tools', 'unsupported_parameter');
  }
  if (body.response_format && body.response_format.type !== 'text') {
    throw invalidRequest(
      `Unsupported value: 'response_format.type' does not support '${body.response_format.type}'; only 'text' is supported.`,
      'response_format.type',
      'unsupported_value',
    );
  }
}

/**
 * Budgets (§7.3): the smallest of the outer cap, the slowthink extension's limit and the reasoning budget. The reasoning
 * budget caps every generated token of the choice, the answer's too: the engine's budget cannot tell reasoning from
 * answer while a sample is drawn, and only so does `reasoning_tokens` never exceed what the client allowed.
 */
function chooseBudget(body: ChatCompletionRequest, reasoningBudget: number | undefined): BudgetLimits {
  const outerCap = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const extension = body.slowthink ?? undefined;
  const caps = [outerCap, extension?.max_tokens, reasoningBudget];
  const defined = caps.filter((cap): cap is number => cap !== undefined);
  const budget: BudgetLimits = {};
  if (defined.length > 0) budget.maxTokens = Math.min(...defined);
  if (extension?.max_usd !== undefined) budget.maxUsd = extension.max_usd;
  if (extension?.max_seconds !== undefined) budget.maxSeconds = extension.max_seconds;
  if (extension?.max_calls !== undefined) budget.maxCalls = extension.max_calls;
  return budget;
}

/** Plans one request; throws a 400 ApiError naming the param for anything we cannot honour. */
export function toReasonRequest(body: ChatCompletionRequest): PlannedRequest {
  rejectUnsupported(body);
  const parsedModel = parseModelId(body.model);
  const reasoningBudget = body.reasoning?.max_tokens ?? body.thinking?.budget_tokens ?? undefined;
  const effort = chooseEffort(body, parsedModel.effort, reasoningBudget);
  const extension = body.slowthink ?? undefined;
  const reason: ReasonRequest = {
    messages: toMessages(body.messages),
    model: parsedModel.model,
    effort,
    budget: chooseBudget(body, reasoningBudget),
  };
  if (extension?.strategy !== undefined) reason.strategy = extension.strategy;
  if (extension?.options !== undefined) reason.options = extension.options;
  if (extension?.task !== undefined) reason.task = extension.task;
  if (typeof body.temperature === 'number') reason.temperature = body.temperature;
  if (typeof body.seed === 'number') reason.seed = body.seed;
  return {
    reason,
    modelId: body.model,
    modelName: parsedModel.model,
    effort,
    n: body.n ?? 1,
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    excludeReasoning: body.reasoning?.exclude === true || effort === 'none',
  };
}
