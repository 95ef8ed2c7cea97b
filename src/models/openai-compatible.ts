/**
 * @module Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, vLLM, Ollama, llama.cpp server) through the `openai`
 * SDK: n, logprobs, streaming, abort with the partial work and its usage, native `reasoning_content` / `reasoning`
 * kept, and the project's one retry layer (the SDK's own retries are off).
 */
import OpenAI, { APIConnectionTimeoutError, APIError } from 'openai';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type {
  GenerateRequest,
  GenerateResult,
  Model,
  ModelCapabilities,
  Price,
  Sample,
  SampleFinishReason,
  Warning,
} from '../spec/index.js';
import { type BackendLabel, backendError, retryAfterMs, timeoutError } from './backend-errors.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelay, waitUnlessAborted } from './backend-retry.js';
import { type ContinuationCall, type ContinuationMode, continuationCall, type PromptTemplate } from './openai-compatible-continuation.js';
import { completionChunkAsChat, ollamaChunks } from './openai-compatible-raw.js';
import { addChunk, createStreamState, type StreamState, usageOf } from './openai-stream.js';
import { costOf, priceOf } from './prices.js';

export interface OpenAICompatibleModelOptions {
  /** Model name the endpoint knows, e.g. `gpt-4o-mini`. */
  model: string;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  /** Provider part of the id; default `openai-compatible`. */
  provider?: string;
  /** Retries on 408/409/429/5xx, connection failures and timeouts, before any token arrived; default 2. */
  maxRetries?: number;
  /** Backoff when the backend names no `retry-after`: first wait and longest wait in ms (default 500 and 8,000). */
  retryDelayMs?: { base?: number; max?: number };
  /** Milliseconds per attempt, stream included; default 10 minutes. */
  timeout?: number;
  capabilities?: Partial<ModelCapabilities>;
  /** Overrides the price table for this model. */
  price?: Price;
  /** How the backend continues a partial answer (`prefix`); default `none`, which sets `capabilities.continuation` false. */
  continuation?: ContinuationMode;
  /** Chat format of the raw prompt for `completions` and `ollama-raw`; default `chatml`. */
  promptTemplate?: PromptTemplate;
}

/** How one attempt ended: with something to return, or with a failure before any token reached the caller. */
type Attempt =
  | { kind: 'answered'; state: StreamState; cut: 'abort' | 'error' | null }
  | { kind: 'failed'; error: SlowthinkError; retryAfterMs: number | undefined };

/** o-series and gpt-5 models take `max_completion_tokens`; others the classic `max_tokens`. */
function usesCompletionTokens(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

function finishReasonOf(raw: string): SampleFinishReason {
  if (raw === 'length') return 'length';
  if (raw === 'stop' || raw === 'tool_calls' || raw === 'function_call' || raw === 'content_filter') return 'stop';
  return 'error';
}

/** Splits a call's completion tokens over its samples in proportion to their length, so the samples sum to the call. */
function shareTokens(samples: Sample[], total: number): void {
  const lengths = samples.map((sample) => (sample.reasoning?.length ?? 0) + sample.text.length + 1);
  const sum = lengths.reduce((left, right) => left + right, 0);
  let given = 0;
  samples.forEach((sample, index) => {
    const share = index === samples.length - 1 ? total - given : Math.round((total * (lengths[index] ?? 0)) / sum);
    given += share;
    sample.usage = { ...sample.usage, completionTokens: share };
  });
}

/** The samples of a stream: a choice the stream did not finish ends as `cut` (abort), else as a backend `error`. */
function samplesOf(state: StreamState, n: number, cut: 'abort' | 'error' | null): Sample[] {
  const samples: Sample[] = [];
  for (const choice of state.choices.slice(0, n)) {
    if (!choice) continue;
    const sample: Sample = {
      text: choice.text,
      finishReason: choice.finishReason === null ? (cut ?? 'error') : finishReasonOf(choice.finishReason),
      usage: { promptTokens: undefined, completionTokens: choice.tokens },
    };
    if (choice.reasoning) sample.reasoning = choice.reasoning;
    if (choice.logprobs.length > 0) sample.tokenLogprobs = choice.logprobs;
    samples.push(sample);
  }
  return samples;
}

/** Creates a Model over an OpenAI-compatible endpoint. */
export function createOpenAICompatibleModel(options: OpenAICompatibleModelOptions): Model {
  const provider = options.provider ?? 'openai-compatible';
  const id = `${provider}:${options.model}`;
  const label: BackendLabel = { provider, modelId: id };
  const timeoutMs = options.timeout ?? 600_000;
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    baseDelayMs: options.retryDelayMs?.base ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: options.retryDelayMs?.max ?? DEFAULT_RETRY_POLICY.maxDelayMs,
  };
  const baseURL = options.baseURL ?? 'https://api.openai.com/v1';
  const continuation = options.continuation ?? 'none';
  // maxRetries 0: this file is the one retry layer; logLevel off: a garbage chunk is our error to report, not a console line.
  const client = new OpenAI({
    baseURL,
    apiKey: options.apiKey ?? 'none',
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
  });
  const capabilities: ModelCapabilities = {
    logprobs: true,
    nativeReasoning: false,
    maxParallel: 8,
    ...options.capabilities,
    // Declared by the continuation mode, not claimed: strategies that grow chains rely on it.
    continuation: continuation !== 'none',
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
    if (request.prefix !== undefined && continuation === 'none')
      warnings.push({ type: 'unsupported', feature: 'prefix', message: `${id} cannot continue a partial answer; prefix ignored` });
    return payload;
  }

  /** The endpoint and body of a request: a prefix goes through the configured continuation, the rest to chat. */
  function callOf(request: GenerateRequest, warnings: Warning[]): ContinuationCall {
    const payload = body(request, warnings);
    if (request.prefix === undefined || continuation === 'none') return { endpoint: 'chat', payload };
    const continued = { messages: request.messages, prefix: request.prefix, logprobs: request.logprobs };
    return continuationCall(continuation, options.promptTemplate ?? 'chatml', payload, continued);
  }

  /** The call's stream as chat chunks, whatever the endpoint. */
  async function openChunks(request: GenerateRequest, call: ContinuationCall, signal: AbortSignal): Promise<AsyncIterable<unknown>> {
    const streaming = { ...call.payload, stream: true, stream_options: { include_usage: true } };
    if (call.endpoint === 'ollama') {
      const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
      return ollamaChunks(baseURL, call.payload, { n: request.n ?? 1, headers, signal });
    }
    if (call.endpoint === 'completions') {
      const chunks = await client.completions.create(streaming as unknown as OpenAI.CompletionCreateParamsStreaming, { signal });
      return (async function* () {
        for await (const chunk of chunks) yield completionChunkAsChat(chunk);
      })();
    }
    return client.chat.completions.create(streaming as unknown as OpenAI.ChatCompletionCreateParamsStreaming, { signal });
  }

  /** One streamed attempt; the caller's abort and this attempt's timeout end it with whatever streamed so far. */
  async function attempt(request: GenerateRequest, call: ContinuationCall): Promise<Attempt> {
    const state = createStreamState();
    if (request.signal?.aborted) return { kind: 'answered', state, cut: 'abort' };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    let failure: unknown;
    try {
      const chunks = await openChunks(request, call, signal);
      // The SDK ends the loop quietly on abort; the signals below tell an abort from a finished stream.
      for await (const chunk of chunks) addChunk(state, chunk, request.onDelta);
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    if (request.signal?.aborted) return { kind: 'answered', state, cut: 'abort' };
    const timedOut = timeout.signal.aborted || failure instanceof APIConnectionTimeoutError;
    // Tokens already reached the caller: return them (charged), never retry.
    if ((timedOut || failure !== undefined) && state.consumed) return { kind: 'answered', state, cut: 'error' };
    if (timedOut) return { kind: 'failed', error: timeoutError(label, failure), retryAfterMs: undefined };
    if (failure !== undefined) {
      return {
        kind: 'failed',
        error: backendError(failure, label),
        retryAfterMs: failure instanceof APIError ? retryAfterMs(failure.headers) : undefined,
      };
    }
    if (!state.choices.some(Boolean)) {
      const error = new SlowthinkError(
        ERROR_CODES.MODEL_CALL_FAILED,
        `The configured backend for provider ${provider} (${id}) ended its answer before any choice`,
        { hint: 'The backend or a proxy in front of it cut the stream; retry later.', retryable: true },
      );
      return { kind: 'failed', error, retryAfterMs: undefined };
    }
    return { kind: 'answered', state, cut: null };
  }

  return {
    specificationVersion: 'v1',
    id,
    provider,
    capabilities,
    // The engine plans dollar limits with it (prompt and completion) and refuses one on a model without a price.
    ...(price ? { price } : {}),
    async doGenerate(request) {
      const started = Date.now();
      const warnings: Warning[] = [];
      const call = callOf(request, warnings);
      // The request's end (epoch ms), when the engine gives one: no retry waits past it.
      const deadline = (request as GenerateRequest & { deadline?: number }).deadline;
      let state: StreamState | undefined;
      let cut: 'abort' | 'error' | null = 'abort';
      for (let retry = 0; state === undefined; retry += 1) {
        const outcome = await attempt(request, call);
        if (outcome.kind === 'answered') {
          state = outcome.state;
          cut = outcome.cut;
          break;
        }
        // No attempt was answered: an abort while waiting to retry fails the call rather than charging an empty one.
        const wait = outcome.error.retryable ? retryDelay(retry, policy, { retryAfterMs: outcome.retryAfterMs, deadline }) : undefined;
        if (wait === undefined || !(await waitUnlessAborted(wait, request.signal))) throw outcome.error;
      }
      const samples = samplesOf(state, request.n ?? 1, cut);
      const usage = usageOf(state);
      if (state.usage && usage.completionTokens !== undefined) shareTokens(samples, usage.completionTokens);
      const result: GenerateResult = { samples, usage, latencyMs: Date.now() - started, costUsd: costOf(usage, price), warnings };
      return result;
    },
  };
}
