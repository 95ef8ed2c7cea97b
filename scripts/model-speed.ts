/**
 * @module Single-sequence generation speed of a GGUF on the embedded runtime: one sequence, one thread, greedy, the
 * thinking prompt the embedded model uses. Prompt evaluation (up to the first generated token) and decoding (every
 * later token) are timed apart, so "tokens per second" means what llama.cpp's own `eval` line means.
 */
import type { Token } from 'node-llama-cpp';
import { median } from '../src/bench/statistics/statistics.js';
import { promptTokens } from '../src/models/gguf/embedded-format.js';
import { loadGgufModel, runTokenLoop } from '../src/models/gguf/llama-runtime.js';
import { decodeTokens, encodeText } from '../src/models/gguf/vocab.js';

export interface SpeedResult {
  problems: number;
  generatedTokens: number;
  /** Median over problems of (tokens after the first) / (time after the first token). */
  decodeTokensPerSecond: number;
  /** All generated tokens over all time including prompt evaluation, summed over problems. */
  endToEndTokensPerSecond: number;
  /** Median time from the call to the first generated token (prompt evaluation + one decode), ms. */
  firstTokenMs: number;
}

/** The statistics median, but NaN rather than 0 when no question produced a timing (nothing was measured). */
const medianOrNaN = (values: number[]): number => (values.length === 0 ? Number.NaN : median(values));

/** Generates greedily for each question on a fresh one-sequence context and times prompt evaluation and decoding apart. */
export async function measureSpeed(path: string, questions: string[], maxTokens = 480): Promise<SpeedResult> {
  const model = await loadGgufModel(path);
  const context = await model.createContext({ sequences: 1, contextSize: 512, threads: 1 });
  const sequence = context.getSequence();
  const decodeRates: number[] = [];
  const firstTokenTimes: number[] = [];
  let generatedTokens = 0;
  let totalMs = 0;
  try {
    for (const question of questions) {
      const prompt = promptTokens(question, true, undefined).tokens as Token[];
      await sequence.clearHistory();
      const started = performance.now();
      let firstAt: number | undefined;
      const result = await runTokenLoop({
        sequence,
        model,
        promptTokens: prompt,
        maxTokens: Math.min(maxTokens, 512 - prompt.length),
        temperature: 0,
        topP: 1,
        seed: 0,
        decode: decodeTokens,
        stop: undefined,
        signal: undefined,
        onText: () => {
          firstAt ??= performance.now();
        },
        bannedFirstTokens: encodeText('<'),
      });
      const ended = performance.now();
      const count = result.tokens.length;
      generatedTokens += count;
      totalMs += ended - started;
      if (firstAt !== undefined && count > 1 && ended > firstAt) {
        decodeRates.push((count - 1) / ((ended - firstAt) / 1000));
        firstTokenTimes.push(firstAt - started);
      }
    }
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return {
    problems: questions.length,
    generatedTokens,
    decodeTokensPerSecond: medianOrNaN(decodeRates),
    endToEndTokensPerSecond: generatedTokens / (totalMs / 1000),
    firstTokenMs: medianOrNaN(firstTokenTimes),
  };
}
