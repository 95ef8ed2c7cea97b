/** The Vercel AI SDK (`ai`@6 + `@ai-sdk/openai-compatible`@2) against the real server: reasoning, answer, usage, errors, retries. */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;

function provider(baseURL: string) {
  return createOpenAICompatible({ name: 'slowthink', baseURL, apiKey: 'unused', includeUsage: true });
}

beforeAll(async () => {
  server = await startConformanceServer();
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

describe(`AI SDK on ${EMBEDDED_MODEL_READY ? 'the embedded model' : 'a scripted stand-in model'}`, () => {
  it('generateText returns reasoningText, the answer and reasoning tokens', async () => {
    const result = await generateText({
      model: provider(server.baseURL)(MODEL),
      prompt: QUESTION,
      maxRetries: 2,
      providerOptions: { slowthink: { reasoningEffort: 'low' } },
    });
    expect(result.reasoningText).toMatch(/^Effort low → cot/);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text).toBe(server.runs[0]!.outcome?.text);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(0);
    expect(result.finishReason).toMatch(/^(stop|length)$/);
  });

  it('streamText yields reasoning-delta parts before text-delta parts, then usage', async () => {
    const result = streamText({
      model: provider(server.baseURL)(`${MODEL}:low`),
      prompt: QUESTION,
      maxRetries: 2,
    });
    const order: string[] = [];
    let reasoning = '';
    let text = '';
    for await (const part of result.fullStream) {
      if (part.type === 'reasoning-delta') reasoning += part.text;
      if (part.type === 'text-delta') text += part.text;
      if (part.type === 'error') throw part.error;
      if (order.at(-1) !== part.type) order.push(part.type);
    }
    expect(reasoning).toMatch(/^Effort low → cot/);
    expect(text.length).toBeGreaterThan(0);
    expect(order.indexOf('reasoning-delta')).toBeGreaterThanOrEqual(0);
    expect(order.lastIndexOf('reasoning-delta')).toBeLessThan(order.indexOf('text-delta'));
    const usage = await result.usage;
    expect(usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
    expect(await result.finishReason).toMatch(/^(stop|length)$/);
    expect(await result.reasoningText).toBe(reasoning);
  });

  it('accepts its own multi-turn echo of earlier reasoning', async () => {
    const result = await generateText({
      model: provider(server.baseURL)(`${MODEL}:minimal`),
      maxRetries: 0,
      messages: [
        { role: 'user', content: 'What is 2 + 2?' },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'earlier thoughts' },
            { type: 'text', text: '4' },
          ],
        },
        { role: 'user', content: QUESTION },
      ],
    });
    expect(result.text.length).toBeGreaterThan(0);
    expect(server.runs[0]!.request.messages?.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('gets a limit that stops the run before any answer as finish reason length and empty text', async () => {
    const result = await generateText({
      model: provider(server.baseURL)(`${MODEL}:low`),
      prompt: QUESTION,
      maxRetries: 2,
      maxOutputTokens: 1,
    });
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('length');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(server.chatRequests()).toBe(1);
  });

  it('does not retry a 400', async () => {
    const error = await generateText({
      model: provider(server.baseURL)(MODEL),
      prompt: QUESTION,
      maxRetries: 2,
      providerOptions: { slowthink: { reasoningEffort: 'extreme' } },
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(server.chatRequests()).toBe(1);
  });

  it('does not retry a 404', async () => {
    const error = await generateText({ model: provider(server.baseURL)('no-such-model'), prompt: QUESTION, maxRetries: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404 });
    expect(server.chatRequests()).toBe(1);
  });
});

describe('AI SDK when the backend fails after the stream began', () => {
  it('emits an error part after the reasoning and does not retry', async () => {
    const failing = await startConformanceServer({ failAfterEvents: 2 });
    try {
      const result = streamText({ model: provider(failing.baseURL)(MODEL), prompt: QUESTION, maxRetries: 2 });
      const types: string[] = [];
      let failure: unknown;
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'error') failure = part.error;
      }
      expect(types).toContain('reasoning-delta');
      expect(JSON.stringify(failure)).toContain('Injected backend failure');
      expect(failing.chatRequests()).toBe(1);
    } finally {
      await failing.close();
    }
  });
});

describe('AI SDK against a server at its concurrency limit', () => {
  it('retries a 429 with retry-after, maxRetries times', async () => {
    const full = await startConformanceServer({ maxConcurrency: 0 });
    try {
      const started = Date.now();
      const error = await generateText({ model: provider(full.baseURL)(MODEL), prompt: QUESTION, maxRetries: 2 }).catch(
        (caught: unknown) => caught,
      );
      const last = (error as { lastError?: unknown }).lastError ?? error;
      expect(APICallError.isInstance(last)).toBe(true);
      expect(last).toMatchObject({ statusCode: 429, isRetryable: true });
      expect(full.chatRequests()).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    } finally {
      await full.close();
    }
  });
});
