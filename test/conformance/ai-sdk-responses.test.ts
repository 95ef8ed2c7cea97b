/** The Vercel AI SDK's OpenAI provider (`@ai-sdk/openai`@3, Responses API by default) against the real server. */
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;

function provider(baseURL: string) {
  return createOpenAI({ baseURL, apiKey: 'unused' });
}

beforeAll(async () => {
  server = await startConformanceServer();
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

const low = { openai: { reasoningEffort: 'low', reasoningSummary: 'auto', forceReasoning: true } };

describe(`AI SDK OpenAI provider (Responses) on ${EMBEDDED_MODEL_READY ? 'the embedded model' : 'a scripted stand-in model'}`, () => {
  it('generateText with the default provider reads reasoningText, the answer and reasoning tokens', async () => {
    const result = await generateText({ model: provider(server.baseURL)(MODEL), prompt: QUESTION, providerOptions: low });
    expect(server.seen.map((request) => request.path)).toEqual(['/v1/responses']);
    expect(result.reasoningText).toMatch(/^Effort low → cot/);
    expect(result.text).toBe(server.runs[0]!.outcome?.text);
    expect(result.usage.outputTokens).toBe(server.runs[0]!.outcome?.usage.completionTokens);
    expect(result.usage.outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
  });

  it('streamText with openai.responses() streams reasoning before text', async () => {
    const result = streamText({ model: provider(server.baseURL).responses(MODEL), prompt: QUESTION, providerOptions: low });
    const types: string[] = [];
    let reasoning = '';
    let text = '';
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'reasoning-delta') reasoning += part.text;
      if (part.type === 'text-delta') text += part.text;
    }
    expect(types).not.toContain('error');
    const lastReasoning = types.lastIndexOf('reasoning-delta');
    expect(lastReasoning).toBeGreaterThanOrEqual(0);
    if (types.includes('text-delta')) expect(lastReasoning).toBeLessThan(types.indexOf('text-delta'));
    expect(reasoning).toMatch(/^Effort low → cot/);
    expect(text).toBe(server.runs[0]!.outcome?.text);
    expect((await result.usage).outputTokenDetails.reasoningTokens).toBeGreaterThan(0);
  });

  it('a second turn sends the first answer as an item_reference, which the server resolves from its store', async () => {
    const model = provider(server.baseURL)(MODEL);
    const first = await generateText({ model, prompt: QUESTION, providerOptions: low });
    await generateText({
      model,
      messages: [{ role: 'user', content: QUESTION }, ...first.response.messages, { role: 'user', content: 'And that plus 1?' }],
      providerOptions: low,
    });
    const sent = server.runs[1]?.request.messages ?? [];
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent[1]!.content).toBe(first.text);
  });

  it('an unknown model is a 404 the SDK does not retry', async () => {
    const error = await generateText({ model: provider(server.baseURL)('no-such-model'), prompt: QUESTION, maxRetries: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404 });
    expect(server.seen).toHaveLength(1);
  });
});

describe('AI SDK OpenAI provider (Responses) when the backend fails after the stream began', () => {
  it('gets the reasoning so far, then an error part, and does not retry', async () => {
    const failing = await startConformanceServer({ failAfterEvents: 2 });
    try {
      const result = streamText({
        model: provider(failing.baseURL).responses(MODEL),
        prompt: QUESTION,
        providerOptions: low,
        maxRetries: 2,
      });
      const types: string[] = [];
      let failure: unknown;
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'error') failure = part.error;
      }
      expect(types).toContain('reasoning-delta');
      expect(types).not.toContain('text-delta');
      expect(JSON.stringify(failure)).toContain('Injected backend failure');
      expect(failing.seen).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});
