/** @module A scripted fake model that returns prepared samples and records its calls (control-flow tests only). */
import type { GenerateRequest, GenerateResult, Model, ModelCapabilities, Price, Sample } from '../spec/index.js';

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
  /**
   * Milliseconds each call takes (abort and time-budget tests). Words stream evenly over it: a call cut short resolves
   * with each sample's words so far (`finishReason: 'abort'`), as the model contract asks.
   */
  delayMs?: number;
  /** Dollars per generated token, to test dollar budgets; sets the model's `price`. Default: no price (a local model, $0). */
  usdPerToken?: number;
  /** Dollars per prompt token (with `usdPerToken`). Default 0. */
  usdPerPromptToken?: number;
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
  const price: Price | undefined =
    options.usdPerToken === undefined
      ? undefined
      : { inputPerMTok: (options.usdPerPromptToken ?? 0) * 1_000_000, outputPerMTok: options.usdPerToken * 1_000_000 };
  return {
    specificationVersion: 'v1',
    id: options.id ?? 'scripted:test',
    provider: 'scripted',
    capabilities,
    ...(price ? { price } : {}),
    calls,
    countTokens: countScriptedTokens,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      const started = Date.now();
      // Already aborted: nothing is sent, nothing generated.
      if (request.signal?.aborted)
        return { samples: [], usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 0, costUsd: 0, warnings: [] };
      const callIndex = calls.length;
      calls.push(request);
      const scripted = await nextSamples(request, callIndex);
      const done = options.delayMs ? await delay(options.delayMs, request.signal) : 1;
      const samples = scripted.map((entry, index) => toSample(entry, request, index, done));
      const promptTokens =
        options.promptTokens ?? Math.ceil(request.messages.reduce((sum, message) => sum + message.content.length, 0) / 4);
      const completionTokens = samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      return {
        samples,
        usage: { promptTokens, completionTokens, reasoningTokens: 0, cachedTokens: 0 },
        latencyMs: Date.now() - started,
        costUsd:
          completionTokens * (options.usdPerToken ?? 0) +
          (options.usdPerToken === undefined ? 0 : promptTokens * (options.usdPerPromptToken ?? 0)),
        warnings: [],
      };
    },
  };
}

/** One scripted sample; `done` < 1 means the call was cut after that fraction of its time (the words so far, `abort`). */
function toSample(entry: ScriptedSample, request: GenerateRequest, index: number, done: number): Sample {
  const base = typeof entry === 'string' ? { text: entry } : entry;
  let reasoning = base.reasoning ?? '';
  let tokens = base.usage?.completionTokens ?? countScriptedTokens(`${reasoning} ${base.text}`);
  let text = base.text;
  let finishReason = base.finishReason ?? 'stop';
  if (request.maxTokens !== undefined && tokens > request.maxTokens) {
    // Like a real backend: truncate to the cap and report `length`.
    text = base.text.split(/\s+/).slice(0, request.maxTokens).join(' ');
    tokens = request.maxTokens;
    finishReason = 'length';
  }
  if (done < 1) {
    // Cut short: the first words of the thinking, then of the text, as far as the time went.
    const words = Math.floor(tokens * done);
    const thinking = reasoning.split(/\s+/).filter((word) => word.length > 0);
    reasoning = thinking.slice(0, words).join(' ');
    text =
      words > thinking.length
        ? text
            .split(/\s+/)
            .slice(0, words - thinking.length)
            .join(' ')
        : '';
    tokens = words;
    finishReason = 'abort';
  }
  if (reasoning) request.onDelta?.(index, reasoning, 'reasoning');
  if (text) request.onDelta?.(index, text, 'text');
  const sample: Sample = { ...base, text, finishReason, usage: { promptTokens: undefined, ...base.usage, completionTokens: tokens } };
  if (base.reasoning !== undefined) sample.reasoning = reasoning;
  return sample;
}

/** Waits `milliseconds`; resolves with the fraction of them that passed (1, or less when the signal cut it). */
function delay(milliseconds: number, signal: AbortSignal | undefined): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(1), milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(Math.min(0.999, (Date.now() - started) / milliseconds));
      },
      { once: true },
    );
  });
}
