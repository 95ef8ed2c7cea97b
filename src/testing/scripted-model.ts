/** @module A scripted fake model that returns prepared samples and records its calls (control-flow tests only). */
import type { GenerateRequest, GenerateResult, Model, ModelCapabilities, Sample } from '../spec/index.js';

/** A prepared sample: plain text, or a partial Sample (usage is filled in from the text when absent). */
export type ScriptedSample = string | (Partial<Sample> & { text: string });

export interface ScriptedModelOptions {
  /** Samples handed out in order, one per requested sample, cycling when exhausted. */
  responses?: ScriptedSample[];
  /** Computes the samples of one call instead of `responses`. */
  respond?: (request: GenerateRequest, callIndex: number) => ScriptedSample[] | Promise<ScriptedSample[]>;
  capabilities?: Partial<ModelCapabilities>;
  id?: string;
  /** Prompt tokens reported per call. Default: characters of all messages / 4, rounded up. */
  promptTokens?: number;
  /** Milliseconds each call waits before answering (abort and time-budget tests). */
  delayMs?: number;
  /** Dollars per generated token, to test dollar budgets. Default 0. */
  usdPerToken?: number;
}

/** A fake model whose calls are recorded in `calls`. */
export interface ScriptedModel extends Model {
  readonly calls: GenerateRequest[];
}

/** Tokens of a text for the scripted model: one per whitespace-separated word, at least one. */
export function countScriptedTokens(text: string): number {
  return Math.max(1, text.split(/\s+/).filter((word) => word.length > 0).length);
}

/** Creates a scripted model; sample i of a call is `responses[(sampleCounter++) % length]` or comes from `respond`. */
export function createScriptedModel(options: ScriptedModelOptions): ScriptedModel {
  const calls: GenerateRequest[] = [];
  let sampleCounter = 0;
  const capabilities: ModelCapabilities = {
    logprobs: false,
    continuation: false,
    nativeReasoning: false,
    maxParallel: 4,
    ...options.capabilities,
  };
  const nextSamples = async (request: GenerateRequest, callIndex: number): Promise<ScriptedSample[]> => {
    if (options.respond) return options.respond(request, callIndex);
    const responses = options.responses ?? ['A: 0'];
    const n = request.n ?? 1;
    return Array.from({ length: n }, () => responses[sampleCounter++ % responses.length] as ScriptedSample);
  };
  return {
    specificationVersion: 'v1',
    id: options.id ?? 'scripted:test',
    provider: 'scripted',
    capabilities,
    calls,
    countTokens: countScriptedTokens,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      const callIndex = calls.length;
      calls.push(request);
      const started = Date.now();
      if (options.delayMs) await delay(options.delayMs, request.signal);
      if (request.signal?.aborted) throw request.signal.reason ?? new Error('aborted');
      const scripted = await nextSamples(request, callIndex);
      const samples = scripted.map((entry, index) => toSample(entry, request, index));
      const promptTokens =
        options.promptTokens ?? Math.ceil(request.messages.reduce((sum, message) => sum + message.content.length, 0) / 4);
      const completionTokens = samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      return {
        samples,
        usage: { promptTokens, completionTokens, reasoningTokens: 0, cachedTokens: 0 },
        latencyMs: Date.now() - started,
        costUsd: completionTokens * (options.usdPerToken ?? 0),
        warnings: [],
      };
    },
  };
}

function toSample(entry: ScriptedSample, request: GenerateRequest, index: number): Sample {
  const base = typeof entry === 'string' ? { text: entry } : entry;
  const reasoning = base.reasoning ?? '';
  let tokens = base.usage?.completionTokens ?? countScriptedTokens(`${reasoning} ${base.text}`);
  let text = base.text;
  let finishReason = base.finishReason ?? 'stop';
  if (request.maxTokens !== undefined && tokens > request.maxTokens) {
    // Like a real backend: truncate to the cap and report `length`.
    text = base.text.split(/\s+/).slice(0, request.maxTokens).join(' ');
    tokens = request.maxTokens;
    finishReason = 'length';
  }
  if (reasoning) request.onDelta?.(index, reasoning, 'reasoning');
  request.onDelta?.(index, text, 'text');
  return { ...base, text, finishReason, usage: { promptTokens: undefined, ...base.usage, completionTokens: tokens } };
}

function delay(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new Error('aborted'));
      },
      { once: true },
    );
  });
}
