/**
 * @module Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, vLLM, Ollama, llama.cpp server) through the `openai`
 * SDK: n, logprobs, streaming, abort, retries, and native `reasoning_content` / `reasoning` kept.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type {
  GenerateRequest,
  GenerateResult,
  Model,
  ModelCapabilities,
  Price,
  Sample,
  SampleFinishReason,
  TokenUsage,
  Warning,
} from '../spec/index.js';
import { costOf, priceOf } from './prices.js';

export interface OpenAICompatibleModelOptions {
  /** Model name the endpoint knows, e.g. `gpt-4o-mini`. */
  model: string;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  /** Provider part of the id; default `openai-compatible`. */
  provider?: string;
  /** Retries on 408/409/429/5xx and connection errors, with the SDK's backoff; default 2. */
  maxRetries?: number;
  /** Milliseconds per attempt; default 10 minutes. */
  timeout?: number;
  capabilities?: Partial<ModelCapabilities>;
  /** Overrides the price table for this model. */
  price?: Price;
}

type WireUsage = {
  prompt_tokens?: number;
  completion_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  prompt_tokens_details?: { cached_tokens?: number } | null;
} | null;
type WireLogprobs = { content?: Array<{ logprob: number }> | null } | null | undefined;
type Accumulated = { text: string; reasoning: string; finishReason: string | null; logprobs: number[] };

/** o-series and gpt-5 models take `max_completion_tokens`; others the classic `max_tokens`. */
function usesCompletionTokens(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function finishReasonOf(raw: string | null | undefined): SampleFinishReason {
  if (raw === 'length') return 'length';
  if (raw === 'stop' || raw === 'tool_calls' || raw === 'function_call' || raw === null || raw === undefined) return 'stop';
  return raw === 'content_filter' ? 'stop' : 'error';
}

function usageOf(usage: WireUsage): TokenUsage {
  return {
    promptTokens: usage?.prompt_tokens,
    completionTokens: usage?.completion_tokens,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens,
    cachedTokens: usage?.prompt_tokens_details?.cached_tokens,
  };
}

/** Splits a call's completion tokens over its samples in proportion to their length, so the samples sum to the call. */
function shareTokens(samples: Sample[], total: number | undefined): void {
  if (total === undefined) return;
  const lengths = samples.map((sample) => (sample.reasoning?.length ?? 0) + sample.text.length + 1);
  const sum = lengths.reduce((left, right) => left + right, 0);
  let given = 0;
  samples.forEach((sample, index) => {
    const share = index === samples.length - 1 ? total - given : Math.round((total * (lengths[index] ?? 0)) / sum);
    given += share;
    sample.usage = { ...sample.usage, completionTokens: share };
  });
}

/** Maps SDK errors to SlowthinkError: connection → MODEL_UNAVAILABLE, HTTP status → MODEL_CALL_FAILED, abort → ABORTED. */
export function mapOpenAIError(error: unknown, modelId: string, baseURL: string): SlowthinkError {
  if (SlowthinkError.isInstance(error)) return error;
  if (error instanceof APIUserAbortError)
    return new SlowthinkError(ERROR_CODES.ABORTED, `Call to ${modelId} was aborted`, { cause: error });
  if (error instanceof APIConnectionError) {
    return new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `Cannot reach ${modelId} at ${baseURL}: ${error.message}`, {
      hint: 'Check that the server is running and the base URL is right (SLOWTHINK_OPENAI_BASE_URL / OPENAI_BASE_URL).',
      retryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const hints: Record<number, string> = {
      401: 'Check the API key (OPENAI_API_KEY or SLOWTHINK_OPENAI_API_KEY).',
      403: 'The key has no access to this model.',
      404: 'Check the model name: the endpoint does not know it.',
      429: 'Rate limited: wait and retry, or lower the effort.',
    };
    return new SlowthinkError(
      ERROR_CODES.MODEL_CALL_FAILED,
      `Model call failed with status ${status}: POST ${baseURL}/chat/completions (${modelId}): ${error.message}`,
      {
        hint: hints[status] ?? (status >= 500 ? 'The backend failed; retry later.' : 'The backend rejected the request.'),
        retryable: status === 408 || status === 409 || status === 429 || status >= 500,
        cause: error,
      },
    );
  }
  return new SlowthinkError(
    ERROR_CODES.MODEL_CALL_FAILED,
    `Model call to ${modelId} failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
}

/** Creates a Model over an OpenAI-compatible endpoint. */
export function createOpenAICompatibleModel(options: OpenAICompatibleModelOptions): Model {
  const baseURL = options.baseURL ?? 'https://api.openai.com/v1';
  const provider = options.provider ?? 'openai-compatible';
  const id = `${provider}:${options.model}`;
  const client = new OpenAI({
    baseURL,
    apiKey: options.apiKey ?? 'none',
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? 600_000,
  });
  const capabilities: ModelCapabilities = {
    logprobs: true,
    continuation: false,
    nativeReasoning: false,
    maxParallel: 8,
    ...options.capabilities,
  };
  const price = options.price ?? priceOf(id);

  function body(request: GenerateRequest, warnings: Warning[]): Record<string, unknown> {
    const payload: Record<string, unknown> = {
      model: options.model,
      messages: request.messages.map((message) => ({
        role: message.role === 'developer' ? 'system' : message.role,
        content: message.content,
      })),
    };
    if ((request.n ?? 1) > 1) payload.n = request.n;
    if (request.maxTokens !== undefined)
      payload[usesCompletionTokens(options.model) ? 'max_completion_tokens' : 'max_tokens'] = request.maxTokens;
    // OpenAI reasoning models reject sampling settings and logprobs: drop them with a warning instead of failing.
    const reasoningModel = usesCompletionTokens(options.model) && provider === 'openai';
    const unsupported = (feature: string) =>
      warnings.push({ type: 'unsupported', feature, message: `${id} does not accept ${feature}; ignored` });
    if (request.temperature !== undefined) {
      if (reasoningModel) unsupported('temperature');
      else payload.temperature = request.temperature;
    }
    if (request.topP !== undefined) {
      if (reasoningModel) unsupported('topP');
      else payload.top_p = request.topP;
    }
    if (request.seed !== undefined) payload.seed = request.seed;
    if (request.stop?.length) payload.stop = request.stop;
    if (request.logprobs) {
      if (reasoningModel) unsupported('logprobs');
      else payload.logprobs = true;
    }
    if (request.prefix !== undefined)
      warnings.push({ type: 'unsupported', feature: 'prefix', message: `${id} cannot continue a partial answer; prefix ignored` });
    return payload;
  }

  async function stream(request: GenerateRequest, payload: Record<string, unknown>) {
    const chunks = await client.chat.completions.create(
      { ...payload, stream: true, stream_options: { include_usage: true } } as unknown as OpenAI.ChatCompletionCreateParamsStreaming,
      { signal: request.signal },
    );
    const choices: Accumulated[] = [];
    let usage: WireUsage = null;
    for await (const chunk of chunks) {
      if (chunk.usage) usage = chunk.usage as WireUsage;
      for (const choice of chunk.choices ?? []) {
        const slot = choices[choice.index] ?? { text: '', reasoning: '', finishReason: null, logprobs: [] };
        choices[choice.index] = slot;
        const delta = choice.delta as { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
        const thinking = delta.reasoning_content ?? delta.reasoning;
        if (thinking) {
          slot.reasoning += thinking;
          request.onDelta?.(choice.index, thinking, 'reasoning');
        }
        if (delta.content) {
          slot.text += delta.content;
          request.onDelta?.(choice.index, delta.content, 'text');
        }
        for (const token of (choice.logprobs as WireLogprobs)?.content ?? []) slot.logprobs.push(token.logprob);
        if (choice.finish_reason) slot.finishReason = choice.finish_reason;
      }
    }
    return { choices: choices.filter(Boolean), usage };
  }

  async function complete(request: GenerateRequest, payload: Record<string, unknown>) {
    const response = await client.chat.completions.create(payload as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming, {
      signal: request.signal,
    });
    const choices = [...response.choices]
      .sort((left, right) => left.index - right.index)
      .map((choice): Accumulated => {
        const message = choice.message as { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
        return {
          text: message.content ?? '',
          reasoning: message.reasoning_content ?? message.reasoning ?? '',
          finishReason: choice.finish_reason,
          logprobs: ((choice.logprobs as WireLogprobs)?.content ?? []).map((token) => token.logprob),
        };
      });
    return { choices, usage: (response.usage ?? null) as WireUsage };
  }

  return {
    specificationVersion: 'v1',
    id,
    provider,
    capabilities,
    async doGenerate(request) {
      const started = Date.now();
      const warnings: Warning[] = [];
      const payload = body(request, warnings);
      let raw: { choices: Accumulated[]; usage: WireUsage };
      try {
        raw = request.onDelta ? await stream(request, payload) : await complete(request, payload);
      } catch (error) {
        throw mapOpenAIError(error, id, baseURL);
      }
      const samples = raw.choices.map((choice): Sample => {
        const sample: Sample = {
          text: choice.text,
          finishReason: finishReasonOf(choice.finishReason),
          usage: { promptTokens: undefined, completionTokens: undefined },
        };
        if (choice.reasoning) sample.reasoning = choice.reasoning;
        if (choice.logprobs.length > 0) sample.tokenLogprobs = choice.logprobs;
        return sample;
      });
      const usage = usageOf(raw.usage);
      shareTokens(samples, usage.completionTokens);
      const result: GenerateResult = { samples, usage, latencyMs: Date.now() - started, costUsd: costOf(usage, price), warnings };
      return result;
    },
  };
}
