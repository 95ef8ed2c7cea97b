import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../spec/index.js';
import { writeRandomLlamaGguf } from '../testing/random-gguf.js';
import { createLlamaCppModel } from './llama-cpp.js';

describe('llama-cpp model on a random GGUF', () => {
  let model: Model;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'slowthink-llama-')), 'random.gguf');
    writeRandomLlamaGguf(path);
    model = await createLlamaCppModel({ path, sequences: 4 });
  });
  afterAll(async () => model?.close?.());
  const messages = [{ role: 'user' as const, content: 'What is 2+2?' }];

  it('samples n continuations; a seed repeats one sequence exactly', async () => {
    // Parallel sequences share batches whose make-up depends on timing (float rounding varies with batch size), so
    // exact repeats are asserted for one sequence only.
    const first = await model.doGenerate({ messages, n: 3, seed: 11, maxTokens: 16, temperature: 1 });
    expect(first.samples).toHaveLength(3);
    expect(new Set(first.samples.map((sample) => sample.text)).size).toBeGreaterThan(1);
    expect(first.usage.completionTokens).toBe(first.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0));
    const one = await model.doGenerate({ messages, n: 1, seed: 11, maxTokens: 16, temperature: 1 });
    const again = await model.doGenerate({ messages, n: 1, seed: 11, maxTokens: 16, temperature: 1 });
    expect(again.samples[0]!.text).toBe(one.samples[0]!.text);
  });

  it('greedy is deterministic and returns one logprob per token', async () => {
    const [a, b] = await Promise.all([
      model.doGenerate({ messages, temperature: 0, maxTokens: 12, logprobs: true }),
      model.doGenerate({ messages, temperature: 0, maxTokens: 12, seed: 99 }),
    ]);
    expect(a.samples[0]!.text).toBe(b.samples[0]!.text);
    expect(a.samples[0]!.tokenLogprobs?.length).toBe(a.samples[0]!.usage.completionTokens);
    for (const logprob of a.samples[0]!.tokenLogprobs ?? []) expect(logprob).toBeLessThanOrEqual(0);
    expect(a.samples[0]!.finishReason === 'length' || a.samples[0]!.finishReason === 'stop').toBe(true);
  });

  it('continues a prefix (the prompt grows by the prefix tokens) and streams deltas that add up to the text', async () => {
    const deltas: string[] = [];
    const plain = await model.doGenerate({ messages, temperature: 0, maxTokens: 8 });
    const continued = await model.doGenerate({
      messages,
      temperature: 0,
      maxTokens: 8,
      prefix: 'Hello',
      onDelta: (_, delta) => deltas.push(delta),
    });
    expect(continued.usage.promptTokens).toBe((plain.usage.promptTokens ?? 0) + 5);
    expect(deltas.join('')).toBe(continued.samples[0]!.text);
  });

  it("llama.cpp's own tokenizer survives any characters (byte tokens in the vocabulary)", async () => {
    for (const text of ['a\tb', '\u0000', '12€3 😀', '\u00ff\u0001\u007f', 'ü×÷\r\n']) expect(model.countTokens?.(text)).toBeGreaterThan(0);
    const result = await model.doGenerate({ messages: [{ role: 'user', content: 'tab\there \u0000 😀' }], temperature: 0, maxTokens: 4 });
    expect(result.usage.promptTokens).toBeGreaterThan(10);
  });

  it('stops on an aborted signal, resolving with the work so far (the model contract)', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await model.doGenerate({ messages, maxTokens: 8, signal: controller.signal })).samples).toEqual([]);
    const running = new AbortController();
    const result = await model.doGenerate({
      messages,
      maxTokens: 400,
      temperature: 1,
      signal: running.signal,
      onDelta: () => running.abort(),
    });
    expect(result.samples).toHaveLength(1);
    expect(result.samples[0]?.finishReason).toBe('abort');
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeLessThan(400);
  });
});
