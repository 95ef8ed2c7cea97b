import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT_CUE } from '../tasks/format.js';
import { EVAL_SEED } from '../tasks/held-out.js';
import { getTask } from '../tasks/index.js';
import { createEmbeddedModel, type EmbeddedModel, embeddedModelPath } from './embedded.js';
import { OUT_OF_DOMAIN_ANSWER } from './gguf/embedded-format.js';

const path = process.env['SLOWTHINK_TEST_GGUF'] ?? embeddedModelPath('mini');
const user = (content: string) => [{ role: 'user' as const, content }];

describe.skipIf(!existsSync(path))('embedded model (shipped slowthink-mini)', () => {
  let model: EmbeddedModel;
  beforeAll(async () => {
    model = await createEmbeddedModel({ tier: 'mini', path, sequences: 4 });
  });
  afterAll(async () => model?.close?.());

  it('answers What is 347*58? with thinking lines and an A: line', async () => {
    const result = await model.doGenerate({ messages: user('What is 347*58?'), temperature: 0 });
    const sample = result.samples[0]!;
    expect(sample.reasoning).toMatch(/347\*\d+=\d+/);
    expect(sample.text).toMatch(/^A: -?\d+$/);
    expect(sample.finishReason).toBe('stop');
    expect(sample.answerConfidence).toBeGreaterThan(0);
    expect(sample.usage.reasoningTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBe(sample.usage.completionTokens);
    expect(model.capabilities.continueThinkingCue).toBe(WAIT_CUE);
  });

  // Accuracy is a benchmark (npm run bench:model, models/*.md), not a unit test: these check the two modes' shapes.
  it('answers with or without thinking (direct mode prefills an empty think block)', async () => {
    const thinking = await model.doGenerate({ messages: user('What is 23+45?'), temperature: 0 });
    expect(thinking.samples[0]!.reasoning).toMatch(/23\+45=-?\d+/);
    expect(thinking.samples[0]!.text).toMatch(/^A: -?\d+$/);
    const direct = await model.doGenerate({ messages: user('12 × 7'), temperature: 0, thinking: false });
    expect(direct.samples[0]!.reasoning).toBe('');
    expect(direct.samples[0]!.text).toMatch(/^A: -?\d+$/);
    expect(direct.usage.completionTokens).toBeLessThan(thinking.usage.completionTokens!);
  });

  it('refuses questions outside its tasks without generating', async () => {
    const result = await model.doGenerate({ messages: user('What is the capital of France?'), n: 2 });
    expect(result.samples.map((sample) => sample.text)).toEqual([OUT_OF_DOMAIN_ANSWER, OUT_OF_DOMAIN_ANSWER]);
    expect(result.usage.completionTokens).toBe(0);
    expect(OUT_OF_DOMAIN_ANSWER).toMatch(/openai:gpt-4o-mini/);
    expect(OUT_OF_DOMAIN_ANSWER).toMatch(/SLOWTHINK_OPENAI_BASE_URL/);
  });

  it('declines out-of-range questions and tasks its weights never learned, with the reason, without generating', async () => {
    const huge = await model.doGenerate({ messages: user('123456789*987654321'), n: 1 });
    expect(huge.samples[0]!.text).toMatch(/can't answer this reliably: it has a 9-digit number/);
    expect(huge.usage.completionTokens).toBe(0);
    expect(huge.warnings?.[0]?.message).toMatch(/declined/);
    const arithmeticOnly = await createEmbeddedModel({ tier: 'mini', path, sequences: 1, tasks: ['arithmetic'] });
    try {
      const countdown = await arithmeticOnly.doGenerate({ messages: user('Use 3, 7, 25, 50 to make 65.') });
      expect(countdown.samples[0]!.text).toMatch(/not trained on countdown/);
      expect(countdown.usage.completionTokens).toBe(0);
    } finally {
      await arithmeticOnly.close?.();
    }
  });

  it('ignores system messages with a warning', async () => {
    const result = await model.doGenerate({
      messages: [{ role: 'system', content: 'Be brief.' }, ...user('What is 2+3?')],
      temperature: 0,
    });
    expect(result.warnings.some((warning) => warning.feature === 'system')).toBe(true);
    expect(result.samples[0]!.text).toMatch(/^A: -?\d+$/);
  });

  it('parallel greedy chains repeat the single greedy chain (no cross-talk between sequences)', async () => {
    // Guards ADR 0005: without serialised sampling, 16 parallel greedy chains matched the lone chain 0-11 times in 16.
    const wide = await createEmbeddedModel({ tier: 'mini', path, sequences: 16 });
    try {
      for (const problem of getTask('arithmetic').generate({ seed: EVAL_SEED, count: 2, level: 4 })) {
        const messages = user(problem.question);
        const [alone] = (await wide.doGenerate({ messages, n: 1, temperature: 0 })).samples;
        const together = (await wide.doGenerate({ messages, n: 16, temperature: 0 })).samples;
        const same = together.filter((sample) => sample.reasoning === alone!.reasoning && sample.text === alone!.text);
        // 16 of 16 here; ≥ 14 leaves room for a legitimate near-tie flip from batch-size-dependent rounding on another CPU.
        expect(same.length).toBeGreaterThanOrEqual(14);
      }
    } finally {
      await wide.close?.();
    }
  });

  it('a seed repeats one sequence exactly; parallel samples and other seeds differ', async () => {
    const question = user('Use 3, 7, 25, 50 to make 62.');
    const text = (result: Awaited<ReturnType<typeof model.doGenerate>>) =>
      result.samples.map((sample) => `${sample.reasoning}|${sample.text}`);
    const first = text(await model.doGenerate({ messages: question, n: 1, temperature: 1, seed: 42 }));
    expect(text(await model.doGenerate({ messages: question, n: 1, temperature: 1, seed: 42 }))).toEqual(first);
    const parallel = text(await model.doGenerate({ messages: question, n: 4, temperature: 1, seed: 42 }));
    expect(parallel).toHaveLength(4);
    expect(new Set(parallel).size).toBeGreaterThan(1);
    const others = await Promise.all(
      [43, 44, 45].map(async (seed) => text(await model.doGenerate({ messages: question, n: 1, temperature: 1, seed }))[0]),
    );
    expect(others.some((other) => other !== first[0])).toBe(true);
  });

  it('continues a thinking prefix (budget forcing) and streams deltas that add up', async () => {
    const deltas = { reasoning: '', text: '' };
    const result = await model.doGenerate({
      messages: user('What is 36*7+85?'),
      temperature: 0,
      prefix: `36*7=252\n252+85=337\n${WAIT_CUE}`,
      onDelta: (_, delta, channel) => {
        deltas[channel] += delta;
      },
    });
    const sample = result.samples[0]!;
    expect(sample.reasoning).not.toContain('36*7=252\n252+85=337\nWait');
    expect(sample.text).toMatch(/^A: /);
    expect(deltas.reasoning).toBe(sample.reasoning);
    expect(deltas.text).toBe(sample.text);
  });

  it('streams thinking token by token, before the sample ends', async () => {
    const deltas: string[] = [];
    const result = await model.doGenerate({
      messages: user('What is 347*58?'),
      temperature: 0,
      onDelta: (_, delta, channel) => {
        if (channel === 'reasoning') deltas.push(delta);
      },
    });
    const reasoning = result.samples[0]?.reasoning ?? '';
    expect(deltas.join('')).toBe(reasoning);
    // Line by line would be one delta per line; live streaming sends several per line.
    expect(deltas.length).toBeGreaterThan(2 * reasoning.split('\n').length);
  });

  it('resolves an aborted call with the work so far (the model contract), and sends nothing when already aborted', async () => {
    const controller = new AbortController();
    let streamed = 0;
    const result = await model.doGenerate({
      messages: user('What is 614*777?'),
      n: 2,
      signal: controller.signal,
      onDelta: (_, delta) => {
        streamed += delta.length;
        if (streamed >= 20) controller.abort();
      },
    });
    expect(result.samples).toHaveLength(2);
    for (const sample of result.samples) expect(sample.finishReason).toBe('abort');
    expect(result.usage.completionTokens).toBeGreaterThanOrEqual(20);
    expect(result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0)).toBe(result.usage.completionTokens);
    const none = await model.doGenerate({ messages: user('What is 614*777?'), signal: controller.signal });
    expect(none.samples).toEqual([]);
  });

  it('scores scratchpad lines with its learned check role', async () => {
    const scores = await Promise.all(['23+45=68', '23+45=78', '347*8=2776', '100-7=93'].map((line) => model.checkStep(line)));
    for (const score of scores) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
    expect(new Set(scores).size).toBeGreaterThan(1);
  });

  it('never crashes on odd bytes in the question', async () => {
    const result = await model.doGenerate({ messages: user('What is 2+2?\t\u0000 😀'), temperature: 0, maxTokens: 20 });
    expect(result.samples).toHaveLength(1);
  });
});
