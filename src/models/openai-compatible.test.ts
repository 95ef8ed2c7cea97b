import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../spec/index.js';
import {
  streamAnswer as answer,
  sseChunk as chunk,
  openStream,
  type ScriptedBackend,
  startScriptedBackend,
  sseToken as token,
} from '../testing/scripted-backend.js';
import { createOpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible.js';

let backend: ScriptedBackend;
beforeAll(async () => {
  backend = await startScriptedBackend();
});
afterAll(() => backend.close());

function model(options: Partial<OpenAICompatibleModelOptions> = {}) {
  return createOpenAICompatibleModel({
    model: 'deepseek-reasoner',
    provider: 'deepseek',
    baseURL: backend.baseURL,
    apiKey: 'k',
    ...options,
  });
}

const ask: GenerateRequest = { messages: [{ role: 'user', content: '2+2?' }] };

describe('openai-compatible model: answers', () => {
  it('keeps native reasoning, logprobs and the backend usage of n=2 streamed choices', async () => {
    backend.handle((_body, response) => {
      openStream(response);
      response.write(chunk([{ index: 0, delta: { reasoning_content: 'Two plus two.' }, finish_reason: null }]));
      response.write(
        chunk([{ index: 0, delta: { content: 'Answer: 4' }, logprobs: { content: [{ token: 'A', logprob: -0.1 }] }, finish_reason: null }]),
      );
      response.write(chunk([{ index: 1, delta: { reasoning: 'Hmm, five?', content: 'Answer: 5' }, finish_reason: 'length' }]));
      response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
      const usage = { prompt_tokens: 12, completion_tokens: 40, completion_tokens_details: { reasoning_tokens: 30 } };
      response.write(chunk([], { ...usage, prompt_tokens_details: { cached_tokens: 2 } }));
      response.end('data: [DONE]\n\n');
    });
    const request: GenerateRequest = {
      messages: [
        { role: 'developer', content: 'be brief' },
        { role: 'user', content: '2+2?' },
      ],
      n: 2,
      maxTokens: 50,
      logprobs: true,
      seed: 3,
    };
    const result = await model().doGenerate(request);
    const sent = backend.bodies.at(-1);
    expect(sent).toMatchObject({ n: 2, max_tokens: 50, logprobs: true, seed: 3, stream: true, stream_options: { include_usage: true } });
    expect((sent?.messages as Array<{ role: string }> | undefined)?.[0]?.role).toBe('system');
    expect(result.samples.map((sample) => [sample.text, sample.reasoning, sample.finishReason])).toEqual([
      ['Answer: 4', 'Two plus two.', 'stop'],
      ['Answer: 5', 'Hmm, five?', 'length'],
    ]);
    expect(result.samples[0]?.tokenLogprobs).toEqual([-0.1]);
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 40, reasoningTokens: 30, cachedTokens: 2 });
    expect(result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0)).toBe(40);
    // deepseek-reasoner: $0.55 in ($0.14 cached), $2.19 out per MTok.
    expect(result.costUsd).toBeCloseTo((10 * 0.55 + 2 * 0.14 + 40 * 2.19) / 1e6, 12);
    await model().doGenerate(ask);
    expect(backend.bodies.at(-1)).not.toHaveProperty('logprobs');
  });

  it('streams deltas per channel as they arrive', async () => {
    backend.handle((_body, response) => answer(response, ['Answer', ': 4']));
    const deltas: string[] = [];
    const result = await model().doGenerate({ ...ask, onDelta: (index, delta, channel) => deltas.push(`${index}:${channel}:${delta}`) });
    expect(deltas).toEqual(['0:text:Answer', '0:text:: 4']);
    expect(result.samples).toEqual([{ text: 'Answer: 4', finishReason: 'stop', usage: { promptTokens: undefined, completionTokens: 2 } }]);
  });

  it('sends max_completion_tokens to OpenAI reasoning models and drops the settings they reject, with warnings', async () => {
    backend.handle((_body, response) => answer(response, ['hi']));
    const o3 = createOpenAICompatibleModel({ model: 'o3-mini', provider: 'openai', baseURL: backend.baseURL, apiKey: 'k' });
    const result = await o3.doGenerate({ ...ask, maxTokens: 100, temperature: 0.5, logprobs: true });
    const sent = backend.bodies.at(-1) ?? {};
    expect(sent.max_completion_tokens).toBe(100);
    expect(['max_tokens', 'temperature', 'logprobs'].filter((key) => key in sent)).toEqual([]);
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['temperature', 'logprobs']);
  });
});

describe('openai-compatible model: abort keeps the partial work', () => {
  it('resolves a call cut mid-stream with its text, finishReason abort and the streamed tokens counted', async () => {
    backend.handle((_body, response) => {
      openStream(response);
      for (const text of ['Let ', 'me ', 'add ', '48 ', 'and ']) response.write(token(text));
      // then the backend stalls: the caller's time limit ends the call
    });
    const controller = new AbortController();
    const deltas: string[] = [];
    const started = Date.now();
    setTimeout(() => controller.abort(), 60);
    const result = await model().doGenerate({ ...ask, signal: controller.signal, onDelta: (_index, delta) => deltas.push(delta) });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.samples).toEqual([
      { text: 'Let me add 48 and ', finishReason: 'abort', usage: { promptTokens: undefined, completionTokens: 5 } },
    ]);
    expect(result.usage.completionTokens).toBe(5);
    expect(deltas.join('')).toBe(result.samples[0]?.text);
    expect(backend.attempts()).toBe(1);
  });

  it('prefers the backend usage that arrived before the cut over its own count', async () => {
    backend.handle((_body, response) => {
      openStream(response);
      response.write(token('Thinking'));
      response.write(chunk([], { prompt_tokens: 9, completion_tokens: 208 }));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 60);
    const result = await model().doGenerate({ ...ask, signal: controller.signal });
    expect(result.usage).toMatchObject({ promptTokens: 9, completionTokens: 208 });
    expect(result.samples.map((sample) => [sample.finishReason, sample.usage.completionTokens])).toEqual([['abort', 208]]);
  });

  it('resolves promptly with no samples when the backend never answered, and when the signal was already aborted', async () => {
    backend.handle(() => undefined);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const result = await model().doGenerate({ ...ask, signal: controller.signal });
    expect(result.samples).toEqual([]);
    expect(result.usage.completionTokens).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await model().doGenerate({ ...ask, signal: AbortSignal.abort() })).samples).toEqual([]);
  });
});
