/**
 * @module `npm run bench:loop-overhead -- [PATH] [--context 512] [--repeats 5]`: single-sequence greedy decode speed of
 * node-llama-cpp's own token loop (`evaluate`, with and without per-token confidence) against ours (`runTokenLoop`,
 * with and without the first-token ban), interleaved so host drift hits all four alike. Prints tokens/s per repeat and
 * the median; the prompt is a level-5 product so the chain runs long.
 */
import type { Token } from 'node-llama-cpp';
import { median } from '../src/bench/statistics/statistics.js';
import { promptTokens } from '../src/models/gguf/embedded-format.js';
import { loadGgufModel, runTokenLoop } from '../src/models/gguf/llama-runtime.js';
import { decodeTokens, encodeText } from '../src/models/gguf/vocab.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:loop-overhead -- [FILE.gguf] [--context 512] [--repeats 5]
Single-sequence greedy decode speed of node-llama-cpp's token loop against ours, interleaved.`;
const { values, positionals } = parseBenchArgs(USAGE, {
  allowPositionals: true,
  options: { context: { type: 'string', default: '512' }, repeats: { type: 'string', default: '5' } },
});
const contextSize = numberFlag(USAGE, 'context', values.context, 64);
const repeats = numberFlag(USAGE, 'repeats', values.repeats, 1);
const path = positionals[0] ?? 'models/slowthink-mini.gguf';
const model = await loadGgufModel(path);
const context = await model.createContext({ sequences: 1, contextSize, threads: 1 });
const sequence = context.getSequence();
const prompt = promptTokens('What is 649*643?', true, undefined).tokens as Token[];
const maxTokens = Math.min(400, contextSize - prompt.length);

/** Tokens per second after the first generated token. */
const rate = (tokens: number, firstAt: number) => (tokens - 1) / ((performance.now() - firstAt) / 1000);

async function nodeLlamaCpp(confidence: boolean): Promise<number> {
  await sequence.clearHistory();
  const iterator = confidence
    ? sequence.evaluateWithMetadata(prompt, { confidence: true }, { temperature: 0 })
    : sequence.evaluate(prompt, { temperature: 0 });
  let count = 0;
  let firstAt = 0;
  for await (const _ of iterator as AsyncIterable<unknown>) {
    if (count === 0) firstAt = performance.now();
    if (++count >= maxTokens) break;
  }
  return rate(count, firstAt);
}

async function ours(banFirst: boolean): Promise<number> {
  await sequence.clearHistory();
  let firstAt = 0;
  const result = await runTokenLoop({
    sequence,
    model,
    promptTokens: prompt,
    maxTokens,
    temperature: 0,
    topP: 1,
    seed: 0,
    decode: decodeTokens,
    onText: () => {
      firstAt ||= performance.now();
    },
    ...(banFirst ? { bannedFirstTokens: encodeText('<') } : {}),
  });
  return rate(result.tokens.length, firstAt);
}

const runs: Array<[string, () => Promise<number>]> = [
  ['node-llama-cpp evaluate', () => nodeLlamaCpp(false)],
  ['node-llama-cpp evaluate + confidence', () => nodeLlamaCpp(true)],
  ['runTokenLoop', () => ours(false)],
  ['runTokenLoop + first-token ban', () => ours(true)],
];
const rates = new Map<string, number[]>(runs.map(([name]) => [name, []]));
await nodeLlamaCpp(false); // warm-up
for (let repeat = 0; repeat < repeats; repeat++) for (const [name, run] of runs) rates.get(name)!.push(await run());
console.log(`| loop | tokens/s per repeat | median |\n|---|---|---|`);
for (const [name, list] of rates)
  console.log(`| ${name} | ${list.map((value) => value.toFixed(0)).join(' ')} | ${median(list).toFixed(0)} |`);
await context.dispose();
await model.dispose();
