/** @module Our own small reasoning model (GGUF in models/), run in-process: thinking via prefill, budget forcing, a learned step checker. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LlamaModel, Token } from 'node-llama-cpp';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { GenerateRequest, GenerateResult, Model, Sample, Warning } from '../spec/index.js';
import { WAIT_CUE } from '../tasks/format.js';
import { scopeOf } from '../tasks/index.js';
import { parseStep } from '../tasks/step-check.js';
import {
  answerConfidence,
  declineAnswer,
  LiveChannels,
  OUT_OF_DOMAIN_ANSWER,
  promptTokens,
  questionOf,
  splitCompletion,
} from './gguf/embedded-format.js';
import { abortedResult, loadGgufModel, runTokenLoop, SequencePool } from './gguf/llama-runtime.js';
import { BOS_ID, decodeTokens, encodeText } from './gguf/vocab.js';
import { sampleCount } from './sample-count.js';

/** The trained context of our models (tokens = characters). */
export const EMBEDDED_CONTEXT_LENGTH = 512;
/** Sampling temperature when a request sets none. */
export const EMBEDDED_DEFAULT_TEMPERATURE = 0.7;

/** Options of the embedded model. */
export interface EmbeddedModelOptions {
  /** `mini` (slowthink-mini, faster) or `full` (slowthink). */
  tier: 'mini' | 'full';
  /** GGUF path; default the shipped `models/slowthink-mini.gguf` or `models/slowthink.gguf`. */
  path?: string;
  /** CPU threads for llama.cpp; keep 1 on small machines. */
  threads?: number;
  /** Parallel sequences (samples generated at once). Default 8. */
  sequences?: number;
  /**
   * The tasks the weights were trained on (default: the shipped tier's, `SHIPPED_TASKS`; every task for a custom
   * `path`). A question of another task is declined with the reason rather than answered by a model that never saw it.
   */
  tasks?: readonly string[];
}

/** The tasks each shipped GGUF was trained on (models/*.md); undefined: every built-in task (both tiers since `mix7`). */
export const SHIPPED_TASKS: Record<'mini' | 'full', readonly string[] | undefined> = {
  mini: undefined,
  full: undefined,
};

/** The embedded model: a `Model` plus its learned process verifier. */
export interface EmbeddedModel extends Model {
  /**
   * Probability that one scratchpad line (e.g. `347*8=2776`, `4+8+1=13 >32`) is right, from the model's learned check
   * role. The role was trained on bare equations, so a line's annotations (running partial, Countdown's remaining
   * numbers, a verdict word) are stripped first; a line that declares itself `wrong` is right when its equation is not.
   */
  checkStep(line: string): Promise<number>;
}

/** Path of the shipped GGUF of a tier. */
export function embeddedModelPath(tier: 'mini' | 'full'): string {
  return fileURLToPath(new URL(`../../models/${tier === 'mini' ? 'slowthink-mini' : 'slowthink'}.gguf`, import.meta.url));
}

/** Loads the embedded model, e.g. `await createEmbeddedModel({ tier: 'mini' })`. */
export async function createEmbeddedModel(options: EmbeddedModelOptions): Promise<EmbeddedModel> {
  const path = options.path ?? embeddedModelPath(options.tier);
  const knownTasks = options.tasks ?? (options.path === undefined ? SHIPPED_TASKS[options.tier] : undefined);
  if (!existsSync(path))
    throw new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `The embedded model file ${path} is missing.`, {
      hint: `Train it with \`slowthink train sft --tier ${options.tier}\` or restore it from git.`,
    });
  const sequences = options.sequences ?? 8;
  const model: LlamaModel = await loadGgufModel(path);
  const context = await model.createContext({ sequences, contextSize: EMBEDDED_CONTEXT_LENGTH * sequences, threads: options.threads ?? 1 });
  const pool = new SequencePool(context);
  const contextLength = Math.min(EMBEDDED_CONTEXT_LENGTH, model.trainContextSize);
  const name = options.tier === 'mini' ? 'slowthink-mini' : 'slowthink';

  async function sampleOne(request: GenerateRequest, prompt: number[], thinking: boolean, index: number): Promise<Sample> {
    const sequence = await pool.acquire();
    try {
      const room = contextLength - prompt.length;
      const splitter = request.onDelta
        ? new LiveChannels(thinking, (delta, channel) => request.onDelta?.(index, delta, channel))
        : undefined;
      let streamed = '';
      const result = await runTokenLoop({
        sequence,
        model,
        promptTokens: prompt as Token[],
        maxTokens: Math.min(request.maxTokens ?? room, room),
        temperature: request.temperature ?? EMBEDDED_DEFAULT_TEMPERATURE,
        topP: request.topP ?? 1,
        seed: (request.seed ?? Math.floor(Math.random() * 2 ** 31)) + index,
        decode: (tokens) => decodeTokens(tokens),
        stop: request.stop,
        signal: request.signal,
        onText: splitter
          ? (delta) => {
              streamed += delta;
              splitter.update(streamed, false);
            }
          : undefined,
        // Thinking mode must think: the first generated token may not start `</think>` (a less trained model would close at once).
        bannedFirstTokens: thinking && !request.prefix ? encodeText('<') : undefined,
      });
      splitter?.update(result.text, true);
      const parts = splitCompletion(result.text, thinking);
      const reasoningTokens = thinking ? encodeText(result.text.split('</think>')[0] ?? '').length : 0;
      const sample: Sample = {
        text: parts.text,
        reasoning: parts.reasoning,
        finishReason: result.finishReason,
        usage: {
          promptTokens: prompt.length,
          completionTokens: result.tokens.length,
          reasoningTokens: Math.min(reasoningTokens, result.tokens.length),
        },
      };
      const confidence = answerConfidence(result.tokens, result.probabilities, parts.answerStart);
      if (confidence !== undefined) sample.answerConfidence = confidence;
      if (request.logprobs) sample.tokenLogprobs = result.probabilities.map((probability) => Math.log(probability));
      return sample;
    } finally {
      pool.release(sequence);
    }
  }

  /** P(`right`) of the check role for one bare equation (`Check: 347*8=2776` → `right` / `wrong`). */
  async function equationProbability(equation: string): Promise<number> {
    const sequence = await pool.acquire();
    try {
      const tokens = [BOS_ID, ...encodeText(`Check: ${equation}\n`)].slice(0, contextLength - 1) as Token[];
      const [right, wrong] = [encodeText('r')[0]!, encodeText('w')[0]!];
      for await (const item of sequence.evaluateWithMetadata(tokens, { probabilities: true }, { temperature: 0 })) {
        const pRight = item.probabilities.get(right as Token) ?? 0;
        const pWrong = item.probabilities.get(wrong as Token) ?? 0;
        return pRight + pWrong > 0 ? pRight / (pRight + pWrong) : 0.5;
      }
      return 0.5;
    } finally {
      pool.release(sequence);
    }
  }

  return {
    specificationVersion: 'v1',
    id: `embedded:${name}`,
    provider: 'embedded',
    // Runs in-process: free by definition (tokens and seconds still count).
    price: { inputPerMTok: 0, outputPerMTok: 0 },
    capabilities: {
      logprobs: true,
      continuation: true,
      nativeReasoning: true,
      maxParallel: sequences,
      contextLength,
      // It reads only the last question (its training format): it cannot read other agents' answers.
      readsConversation: false,
      continueThinkingCue: WAIT_CUE,
    },
    countTokens: (text: string) => encodeText(text).length,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      const started = Date.now();
      // Already aborted: nothing generated, nothing to charge (the model contract: abort resolves, never throws).
      if (request.signal?.aborted) return abortedResult(started);
      const n = sampleCount(request);
      const warnings: Warning[] = [];
      const question = questionOf(request.messages, warnings);
      if (question === '')
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'The embedded model needs a user message with a question.', {
          param: 'messages',
        });
      const scope = scopeOf(question);
      if (scope.task && !scope.declined && knownTasks && !knownTasks.includes(scope.task.name))
        scope.declined = `this model was not trained on ${scope.task.name} (it knows ${knownTasks.join(' and ')}; slowthink-mini knows all of our tasks)`;
      if (!scope.task || scope.declined) {
        warnings.push({
          type: 'other',
          message: scope.declined
            ? `The embedded model declined without generating: ${scope.declined}.`
            : 'The question is outside the tasks the embedded model knows; it answered without generating.',
        });
        const answer = scope.declined ? declineAnswer(scope.declined) : OUT_OF_DOMAIN_ANSWER;
        const samples = Array.from({ length: n }, (_, index): Sample => {
          request.onDelta?.(index, answer, 'text');
          return {
            text: answer,
            reasoning: '',
            finishReason: 'stop',
            usage: { promptTokens: 0, completionTokens: 0, reasoningTokens: 0 },
          };
        });
        return {
          samples,
          usage: { promptTokens: 0, completionTokens: 0, reasoningTokens: 0 },
          latencyMs: Date.now() - started,
          costUsd: 0,
          warnings,
        };
      }
      const thinking = request.thinking !== false;
      const prompt = promptTokens(question, thinking, request.prefix).tokens;
      if (prompt.length >= contextLength)
        throw new SlowthinkError(
          ERROR_CODES.INVALID_ARGUMENT,
          `The question and prefix take ${prompt.length} tokens; the embedded model's context is ${contextLength}.`,
          {
            hint: 'Shorten the question or the thinking prefix.',
            param: 'prefix',
          },
        );
      // A signal that fires mid-call ends each sample with its text so far (`finishReason: 'abort'`) and real usage.
      const samples = await Promise.all(Array.from({ length: n }, (_, index) => sampleOne(request, prompt, thinking, index)));
      const completionTokens = samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      const reasoningTokens = samples.reduce((sum, sample) => sum + (sample.usage.reasoningTokens ?? 0), 0);
      return {
        samples,
        usage: { promptTokens: prompt.length, completionTokens, reasoningTokens },
        latencyMs: Date.now() - started,
        costUsd: 0,
        warnings,
      };
    },
    async checkStep(line: string): Promise<number> {
      const flat = line.replace(/\n/g, ' ');
      const step = parseStep(flat);
      const holds = await equationProbability(step ? step.equation : flat.trim());
      return step?.verdict === 'wrong' ? 1 - holds : holds;
    },
    async close() {
      await context.dispose();
      await model.dispose();
    },
  };
}
