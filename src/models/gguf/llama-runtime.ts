/** @module Shared node-llama-cpp plumbing: one process-wide Llama, a pool of reused sequences, and a token sampling loop. */
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { GenerateResult, SampleFinishReason } from '../../spec/index.js';

let llamaPromise: Promise<Llama> | undefined;

/** The process-wide Llama instance (the first call loads the native addon, about 0.7 s). */
export function getSharedLlama(): Promise<Llama> {
  llamaPromise ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
    getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, progressLogs: false }),
  );
  return llamaPromise;
}

/** Loads a GGUF with a helpful error when the file is missing or broken. */
export async function loadGgufModel(path: string): Promise<LlamaModel> {
  const llama = await getSharedLlama();
  try {
    return await llama.loadModel({ modelPath: path });
  } catch (error) {
    throw new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `Could not load the GGUF model at ${path}: ${(error as Error).message}`, {
      hint: 'Check that the path points to a GGUF file (run `slowthink train sft` to build our own).',
      cause: error,
    });
  }
}

/**
 * Makes a context sample one sequence at a time. node-llama-cpp 3.21.1 (with the llama.cpp of its release v0.4.0) samples
 * the sequences of one decoded batch on parallel worker threads, and llama.cpp reorders a multi-sequence batch's logits
 * in place on the first read after a decode (`output_reorder`), which is not thread-safe: with 8–16 sequences the
 * samplers read each other's half-swapped rows, so greedy chains in parallel differed from the same chain alone (1 of
 * 16 matched) and sampled chains broke. Queueing the native `sampleToken` calls of one context fixes it (16 of 16)
 * at no measurable cost (sampling 356 logits is microseconds next to a decode). See docs/decisions/0005.
 */
export function serializeSampling(context: LlamaContext): void {
  if (context.totalSequences <= 1) return;
  const native = (context as unknown as { _ctx?: { sampleToken?: (...args: unknown[]) => Promise<unknown> } })._ctx;
  const sampleToken = native?.sampleToken;
  if (!native || typeof sampleToken !== 'function')
    throw new SlowthinkError(
      ERROR_CODES.MODEL_UNAVAILABLE,
      'This node-llama-cpp version does not expose the sampling call slowthink serialises; parallel sequences would be unsafe.',
      { hint: 'Use the pinned node-llama-cpp (package.json) or create the model with `sequences: 1`.' },
    );
  let queue: Promise<unknown> = Promise.resolve();
  // The native method is a read-only prototype property; an own property shadows it for this context only.
  Object.defineProperty(native, 'sampleToken', {
    value: (...args: unknown[]) => {
      const result = queue.then(() => sampleToken.apply(native, args));
      queue = result.catch(() => undefined);
      return result;
    },
  });
}

/** A context with N sequences handed out and returned (sequences are reused; disposed ones are not reusable at once). */
export class SequencePool {
  private readonly free: LlamaContextSequence[] = [];
  private readonly waiters: Array<(sequence: LlamaContextSequence) => void> = [];
  constructor(readonly context: LlamaContext) {
    serializeSampling(context);
    while (context.sequencesLeft > 0) this.free.push(context.getSequence());
  }
  get size(): number {
    return this.context.totalSequences;
  }
  /** Takes a sequence with an empty history, waiting when all are in use. */
  async acquire(): Promise<LlamaContextSequence> {
    const sequence = this.free.pop() ?? (await new Promise<LlamaContextSequence>((resolve) => this.waiters.push(resolve)));
    await sequence.clearHistory();
    return sequence;
  }
  release(sequence: LlamaContextSequence): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(sequence);
    else this.free.push(sequence);
  }
}

/** Options of one sampled continuation. */
export interface TokenLoopOptions {
  sequence: LlamaContextSequence;
  model: LlamaModel;
  promptTokens: Token[];
  maxTokens: number;
  temperature: number;
  topP: number;
  seed: number;
  /** Text of generated tokens (the whole list each time). */
  decode: (tokens: Token[]) => string;
  stop?: string[] | undefined;
  signal?: AbortSignal | undefined;
  /** Tokens that may not be the first generated token (e.g. `<` so a thinking turn cannot close at once). */
  bannedFirstTokens?: number[] | undefined;
  /** Receives text as it becomes final (stop strings and partial UTF-8 are held back). */
  onText?: ((delta: string) => void) | undefined;
}

/** What one continuation produced. */
export interface TokenLoopResult {
  tokens: Token[];
  text: string;
  /** Probability of each generated token under softmax(logits / T) (raw softmax when greedy). */
  probabilities: number[];
  finishReason: SampleFinishReason;
}

/** Samples one continuation with exact sampling (topK 0), stopping at end-of-generation, a stop string, the cap or abort. */
export async function runTokenLoop(options: TokenLoopOptions): Promise<TokenLoopResult> {
  const tokens: Token[] = [];
  const probabilities: number[] = [];
  const stops = (options.stop ?? []).filter((stop) => stop.length > 0);
  const holdBack = Math.max(0, ...stops.map((stop) => stop.length - 1));
  let emitted = 0;
  let text = '';
  let finishReason: SampleFinishReason = 'length';
  const emit = (upTo: number) => {
    if (upTo > emitted) options.onText?.(text.slice(emitted, upTo));
    emitted = Math.max(emitted, upTo);
  };
  if (options.maxTokens <= 0) return { tokens, text, probabilities, finishReason };
  // Aborted while waiting for a sequence: no prompt evaluation, nothing generated.
  if (options.signal?.aborted) return { tokens, text, probabilities, finishReason: 'abort' };
  const greedy = options.temperature <= 0;
  const tokenBias = options.bannedFirstTokens?.length ? await firstTokenBias(options.model, options.bannedFirstTokens, tokens) : undefined;
  const sampling = greedy
    ? { temperature: 0 }
    : { temperature: options.temperature, topK: 0, topP: options.topP, minP: 0, seed: options.seed };
  const iterator = options.sequence.evaluateWithMetadata(
    options.promptTokens,
    { confidence: true },
    tokenBias ? { ...sampling, tokenBias } : sampling,
  );
  for await (const item of iterator) {
    if (options.signal?.aborted) {
      finishReason = 'abort';
      break;
    }
    if (options.model.isEogToken(item.token)) {
      finishReason = 'stop';
      break;
    }
    tokens.push(item.token);
    probabilities.push(item.confidence);
    text = options.decode(tokens);
    const stopAt = firstStop(text, stops, emitted);
    if (stopAt !== undefined) {
      text = text.slice(0, stopAt);
      finishReason = 'stop';
      break;
    }
    const safeEnd = text.endsWith('\uFFFD') ? text.length - 1 : text.length;
    emit(safeEnd - holdBack);
    if (tokens.length >= options.maxTokens) break;
  }
  if (finishReason === 'length' && tokens.length < options.maxTokens && !options.signal?.aborted) finishReason = 'stop';
  if (finishReason !== 'abort') emit(text.length);
  return { tokens, text, probabilities, finishReason };
}

/** A token bias that bans `banned` while nothing has been generated yet (`generated` is the loop's growing token list). */
async function firstTokenBias(model: LlamaModel, banned: readonly number[], generated: readonly Token[]) {
  const { TokenBias } = await import('node-llama-cpp');
  const noBias = new TokenBias(model.tokenizer);
  const firstBias = new TokenBias(model.tokenizer);
  for (const token of banned) firstBias.set(token as Token, 'never');
  return () => (generated.length === 0 ? firstBias : noBias);
}

function firstStop(text: string, stops: string[], from: number): number | undefined {
  let best: number | undefined;
  for (const stop of stops) {
    const index = text.indexOf(stop, Math.max(0, from - stop.length));
    if (index >= 0 && (best === undefined || index < best)) best = index;
  }
  return best;
}

/** The result of a call whose signal had fired before it started: no samples, no usage. */
export function abortedResult(started: number): GenerateResult {
  return { samples: [], usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: Date.now() - started, costUsd: 0, warnings: [] };
}

/** Throws the abort reason when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SlowthinkError(ERROR_CODES.ABORTED, 'The model call was aborted.', { cause: signal.reason });
}
