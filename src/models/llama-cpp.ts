/** @module A local GGUF chat model through node-llama-cpp, behind the `Model` interface (n samples on reused sequences). */
import type { ChatHistoryItem, ChatWrapper, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { checkNumberField } from '../errors/number-option.js';
import type { GenerateRequest, GenerateResult, Message, Model, Sample, Warning } from '../spec/index.js';
import { abortedResult, loadGgufModel, runTokenLoop, SequencePool } from './gguf/llama-runtime.js';
import { sampleCount } from './sample-count.js';

/** Options of a local GGUF model. */
export interface LlamaCppModelOptions {
  /** Path of the GGUF file. */
  path: string;
  /** Model id; default `llama-cpp:{file name}`. */
  id?: string;
  /** CPU threads; keep 1 on small machines (more threads spin against Node's own). */
  threads?: number;
  /** KV cells shared by all sequences; default 512 per sequence, capped by the model's trained context times sequences. */
  contextSize?: number;
  /** Parallel sequences (samples generated at once). Default 4. */
  sequences?: number;
}

/** Converts our messages to node-llama-cpp chat history (system and developer become one system item). */
function toChatHistory(messages: Message[], prefix: string | undefined): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') history.push({ type: 'system', text: message.content });
    else if (message.role === 'user') history.push({ type: 'user', text: message.content });
    else history.push({ type: 'model', response: [message.content] });
  }
  history.push({ type: 'model', response: prefix ? [prefix] : [] });
  return history;
}

/** Plain-text stop triggers of a chat wrapper (special-token triggers are handled as end-of-generation tokens). */
function textTriggers(triggers: readonly { values: readonly unknown[] }[]): string[] {
  return triggers.filter((trigger) => trigger.values.every((value) => typeof value === 'string')).map((trigger) => trigger.values.join(''));
}

/** Creates a `Model` over a generic chat GGUF, e.g. `createLlamaCppModel({ path: 'models/x.gguf' })`. */
export async function createLlamaCppModel(options: LlamaCppModelOptions): Promise<Model> {
  const sequences = options.sequences ?? 4;
  checkNumberField(sequences, 'sequences', { integer: true, minimum: 1 });
  const model: LlamaModel = await loadGgufModel(options.path);
  const trainedContext = model.trainContextSize;
  const contextSize = options.contextSize ?? Math.min(trainedContext, 4096) * sequences;
  const context = await model.createContext({ sequences, contextSize, threads: options.threads ?? 1 });
  const pool = new SequencePool(context);
  const perSequence = Math.floor(context.contextSize / sequences);
  const { resolveChatWrapper } = await import('node-llama-cpp');
  const chatWrapper: ChatWrapper = resolveChatWrapper(model);
  const fileName =
    options.path
      .split('/')
      .pop()
      ?.replace(/\.gguf$/, '') ?? 'model';
  const id = options.id ?? `llama-cpp:${fileName}`;

  const detokenize = (tokens: Token[]) => model.detokenize(tokens);

  async function generateOne(request: GenerateRequest, promptTokens: Token[], index: number, stop: string[]): Promise<Sample> {
    const sequence: LlamaContextSequence = await pool.acquire();
    try {
      const room = Math.max(0, Math.min(perSequence, trainedContext) - promptTokens.length - 1);
      const maxTokens = Math.min(request.maxTokens ?? room, room);
      const result = await runTokenLoop({
        sequence,
        model,
        promptTokens,
        maxTokens,
        temperature: request.temperature ?? 1,
        topP: request.topP ?? 1,
        seed: (request.seed ?? Math.floor(Math.random() * 2 ** 31)) + index,
        decode: detokenize,
        stop,
        signal: request.signal,
        onText: request.onDelta ? (delta) => request.onDelta?.(index, delta, 'text') : undefined,
      });
      const sample: Sample = {
        text: result.text,
        finishReason: result.finishReason,
        usage: { promptTokens: promptTokens.length, completionTokens: result.tokens.length },
      };
      if (request.logprobs) sample.tokenLogprobs = result.probabilities.map((probability) => Math.log(probability));
      return sample;
    } finally {
      pool.release(sequence);
    }
  }

  return {
    specificationVersion: 'v1',
    id,
    provider: 'llama-cpp',
    // Runs in-process: free by definition.
    price: { inputPerMTok: 0, outputPerMTok: 0 },
    capabilities: { logprobs: true, continuation: true, nativeReasoning: false, maxParallel: sequences, contextLength: trainedContext },
    countTokens: (text: string) => model.tokenize(text).length,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      const started = Date.now();
      // Already aborted: nothing generated (the model contract: abort resolves with the work so far, never throws).
      if (request.signal?.aborted) return abortedResult(started);
      const n = sampleCount(request);
      const warnings: Warning[] = [];
      const state = chatWrapper.generateContextState({ chatHistory: toChatHistory(request.messages, request.prefix) });
      const promptTokens = state.contextText.tokenize(model.tokenizer);
      if (promptTokens.length >= Math.min(perSequence, trainedContext))
        throw new SlowthinkError(
          ERROR_CODES.INVALID_ARGUMENT,
          `The prompt has ${promptTokens.length} tokens; this model's context is ${Math.min(perSequence, trainedContext)}.`,
          {
            hint: 'Shorten the conversation or create the model with a larger contextSize.',
            param: 'messages',
          },
        );
      const stop = [...(request.stop ?? []), ...textTriggers(state.stopGenerationTriggers as unknown as { values: unknown[] }[])];
      // Aborted mid-call: each sample ends `abort` with its text so far and its real token count.
      const samples = await Promise.all(Array.from({ length: n }, (_, index) => generateOne(request, promptTokens, index, stop)));
      const completionTokens = samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      return {
        samples,
        usage: { promptTokens: promptTokens.length, completionTokens },
        latencyMs: Date.now() - started,
        costUsd: 0,
        warnings,
      };
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}
