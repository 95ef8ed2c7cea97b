/**
 * @module `npm run bench:engine`: the engine's overhead. In one run, raw node-llama-cpp generates N samples (same model,
 * prompt, max tokens, greedy decoding, threads 1) and the engine generates the same N through `self-consistency`; prints
 * medians over repetitions and the overhead ratio (goal ≤ 1.10), and writes them to docs/engine-overhead.md.
 *
 * Usage: npm run bench:engine -- [--n 8] [--max-tokens 128] [--repetitions 21] [--model path.gguf]
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatHistoryItem, LlamaContextSequence, Token } from 'node-llama-cpp';
import { median } from '../src/bench/statistics/statistics.js';
import { reason } from '../src/engine/index.js';
import { createEmbeddedModel, EMBEDDED_CONTEXT_LENGTH } from '../src/models/embedded.js';
import { promptTokens as embeddedPrompt } from '../src/models/gguf/embedded-format.js';
import { getSharedLlama, serializeSampling } from '../src/models/gguf/llama-runtime.js';
import { createLlamaCppModel } from '../src/models/llama-cpp.js';
import type { Message } from '../src/spec/index.js';
import { writeRandomLlamaGguf } from '../src/testing/random-gguf.js';
import { THINK_STEP_BY_STEP } from '../src/think/prompts.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:engine -- [--n 8] [--max-tokens 128] [--repetitions 21] [--model FILE.gguf] [--out docs/engine-overhead.md]
The engine's overhead: raw node-llama-cpp against the engine's self-consistency on the same N samples (goal ≤ 1.10).`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    n: { type: 'string', default: '8' },
    'max-tokens': { type: 'string', default: '128' },
    repetitions: { type: 'string', default: '21' },
    model: { type: 'string' },
    out: { type: 'string', default: 'docs/engine-overhead.md' },
  },
});
const n = numberFlag(USAGE, 'n', values.n, 1);
const maxTokens = numberFlag(USAGE, 'max-tokens', values['max-tokens'], 1);
const repetitions = numberFlag(USAGE, 'repetitions', values.repetitions, 1);
const question = 'What is 347 * 8 + 129?';

function modelPath(): { path: string; label: string; embedded: boolean } {
  if (values.model) return { path: values.model, label: values.model, embedded: false };
  const shipped = join(import.meta.dirname, '..', 'models', 'slowthink-mini.gguf');
  if (existsSync(shipped)) return { path: shipped, label: 'the embedded model, models/slowthink-mini.gguf', embedded: true };
  const path = join(mkdtempSync(join(tmpdir(), 'bench-engine-')), 'random.gguf');
  writeRandomLlamaGguf(path, { dimension: 256, layers: 4, heads: 8, contextLength: 1024 });
  return { path, label: 'random llama GGUF (d=256, 4 layers, written by the bench)', embedded: false };
}

const spread = (runs: Array<{ seconds: number }>) => {
  const seconds = runs.map((run) => run.seconds);
  return `${Math.min(...seconds).toFixed(3)} – ${Math.max(...seconds).toFixed(3)}`;
};

/** One timed run: wall seconds, CPU seconds of the whole process (all threads), generated tokens. */
type Run = { seconds: number; cpuSeconds: number; tokens: number };

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const { path, label, embedded } = modelPath();
const llama = await getSharedLlama();
const contextSize = (embedded ? EMBEDDED_CONTEXT_LENGTH : 1024) * n;
const rawModel = await llama.loadModel({ modelPath: path });
const rawContext = await rawModel.createContext({ sequences: n, contextSize, threads: 1 });
// Both sides get the same fix for node-llama-cpp's parallel-sampling race (ADR 0005), so the comparison stays fair.
serializeSampling(rawContext);
const sequences: LlamaContextSequence[] = Array.from({ length: n }, () => rawContext.getSequence());
const { resolveChatWrapper } = await import('node-llama-cpp');
const history: ChatHistoryItem[] = [
  { type: 'system', text: THINK_STEP_BY_STEP },
  { type: 'user', text: question },
  { type: 'model', response: [] },
];
// The exact prompt each side feeds the model: the embedded model's own format, else the GGUF's chat template.
const promptTokens = embedded
  ? (embeddedPrompt(question, true, undefined).tokens as Token[])
  : resolveChatWrapper(rawModel).generateContextState({ chatHistory: history }).contextText.tokenize(rawModel.tokenizer);
const messages: Message[] = embedded
  ? [{ role: 'user', content: question }]
  : [
      { role: 'system', content: THINK_STEP_BY_STEP },
      { role: 'user', content: question },
    ];

/** Raw node-llama-cpp: N sequences decoding greedily at once, stopping at end-of-generation or the cap. */
async function rawRun(): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const counts = await Promise.all(
    sequences.map(async (sequence) => {
      await sequence.clearHistory();
      const generated: Token[] = [];
      for await (const token of sequence.evaluate(promptTokens, { temperature: 0 })) {
        if (rawModel.isEogToken(token)) break;
        generated.push(token);
        if (generated.length >= maxTokens) break;
      }
      return generated.length;
    }),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSince(cpu),
    tokens: counts.reduce((sum, count) => sum + count, 0),
  };
}

const engineModel = embedded
  ? await createEmbeddedModel({ tier: 'mini', path, threads: 1, sequences: n })
  : await createLlamaCppModel({ path, threads: 1, sequences: n, contextSize });

/** The engine: the same N samples through self-consistency (budget tracking, ledger, events, voting). */
async function engineRun(): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await reason({
    question,
    model: engineModel,
    strategy: 'self-consistency',
    options: { n, batch: n, maxTokens },
    budget: { maxTokens: n * maxTokens * 4 },
    temperature: 0,
  });
  if (result.samples !== n) throw new Error(`engine drew ${result.samples} samples, expected ${n}`);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), tokens: result.usage.completionTokens };
}

/** The model wrapper alone: one doGenerate call of N samples, no engine (splits the overhead into wrapper and engine). */
async function wrapperRun(): Promise<Run> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await engineModel.doGenerate({
    messages,
    n,
    maxTokens,
    temperature: 0,
    logprobs: true,
  });
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), tokens: result.usage.completionTokens ?? 0 };
}

await rawRun();
await wrapperRun();
await engineRun();
const raw: Run[] = [];
const wrapper: Run[] = [];
const engine: Run[] = [];
for (let repetition = 0; repetition < repetitions; repetition += 1) {
  raw.push(await rawRun());
  wrapper.push(await wrapperRun());
  engine.push(await engineRun());
}
const rawSeconds = median(raw.map((run) => run.seconds));
const engineSeconds = median(engine.map((run) => run.seconds));
const rawTokens = median(raw.map((run) => run.tokens));
const engineTokens = median(engine.map((run) => run.tokens));
const rawCpu = median(raw.map((run) => run.cpuSeconds));
const engineCpu = median(engine.map((run) => run.cpuSeconds));
const ratio = engineSeconds / rawSeconds;
const cpuRatio = engineCpu / rawCpu;
const perTokenRatio = engineSeconds / engineTokens / (rawSeconds / rawTokens);
const row = (name: string, runs: Run[]) => {
  const seconds = median(runs.map((run) => run.seconds));
  const tokens = median(runs.map((run) => run.tokens));
  const cpuSeconds = median(runs.map((run) => run.cpuSeconds));
  return [name, seconds.toFixed(3), spread(runs), cpuSeconds.toFixed(3), String(tokens), ((seconds * 1000) / tokens).toFixed(3)];
};
const rows = [
  ['', 'median wall s', 'min – max wall s', 'median CPU s', 'tokens', 'wall ms / token'],
  row('raw node-llama-cpp', raw),
  row('Model.doGenerate alone (no engine)', wrapper),
  row('engine self-consistency', engine),
];
const table = rows.map((row) => `| ${row.join(' | ')} |`);
table.splice(1, 0, '| --- | --- | --- | --- | --- | --- |');
const verdict = (value: number) => (value <= 1.1 ? 'meets' : 'misses');
const summary =
  `overhead ratio: wall ${ratio.toFixed(3)} (per token ${perTokenRatio.toFixed(3)}, goal ≤ 1.10: ${verdict(ratio)}), ` +
  `CPU ${cpuRatio.toFixed(3)} (goal ≤ 1.10: ${verdict(cpuRatio)}); of which the model wrapper alone: CPU ` +
  `${(median(wrapper.map((run) => run.cpuSeconds)) / rawCpu).toFixed(3)}`;
console.log(`model: ${label}\nN = ${n} samples, max ${maxTokens} tokens each, greedy, threads 1, ${repetitions} repetitions\n`);
console.log(table.join('\n'));
console.log(`\n${summary}`);
const document = `# Engine overhead

Measured by \`npm run bench:engine -- --n ${n} --max-tokens ${maxTokens} --repetitions ${repetitions}\` on ${new Date().toISOString().slice(0, 16)}Z
(2 shared CPU cores, node-llama-cpp 3.21.1, threads 1).

Model: ${label}. Prompt: the exact tokens the engine's model wrapper feeds the model (the embedded model's own
format; for other GGUFs the chat template with the step-by-step system message the engine sends).
Both sides decode greedily (temperature 0) on ${n} parallel sequences of one context and stop at end-of-generation or
${maxTokens} tokens, so they generate the same tokens; the engine adds budget tracking, the ledger, trace events,
answer extraction and the vote, plus its model wrapper (per-token text decoding, stop strings, token confidences).
The middle row is the model wrapper alone (one \`doGenerate\` of N samples), so the engine's own share is the difference
between the last two rows.

${table.join('\n')}

**${summary}.** Medians over ${repetitions} alternating repetitions after one warm-up run each. The machine is shared
(other processes, a training run), so wall times of single runs vary a lot (see min – max); the CPU-time ratio (process CPU, all threads) is the steadier
figure. A ratio below 1 is noise, not a speed-up.
`;
writeFileSync(values.out, document);
console.log(`\nwrote ${values.out}`);
await engineModel.close?.();
await rawContext.dispose();
await rawModel.dispose();
