/** LangChain `ChatOpenAI` (@langchain/openai 1.5.8) against the real server: reasoning, answer, usage, errors, retries. */
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;

function chat(baseURL: string, model = MODEL, modelKwargs: Record<string, unknown> = { reasoning_effort: 'low' }) {
  return new ChatOpenAI({ model, apiKey: 'unused', configuration: { baseURL }, maxRetries: 2, modelKwargs });
}

beforeAll(async () => {
  server = await startConformanceServer();
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

describe(`LangChain ChatOpenAI on ${EMBEDDED_MODEL_READY ? 'the embedded model' : 'a scripted stand-in model'}`, () => {
  it('invoke puts the reasoning in additional_kwargs.reasoning_content and reasoning tokens in usage_metadata', async () => {
    const message = await chat(server.baseURL).invoke(QUESTION);
    expect(message.additional_kwargs.reasoning_content).toMatch(/^Effort low → cot/);
    expect(String(message.content).length).toBeGreaterThan(0);
    expect(message.content).toBe(server.runs[0]!.outcome?.text);
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(message.usage_metadata?.output_token_details?.reasoning).toBeGreaterThan(0);
    expect(message.usage_metadata?.input_token_details?.cache_read).toBe(0);
  });

  it('stream concatenates reasoning chunks and reports usage (effort from the model suffix)', async () => {
    let merged: AIMessageChunk | undefined;
    let chunks = 0;
    for await (const chunk of await chat(server.baseURL, `${MODEL}:low`, {}).stream(QUESTION)) {
      merged = merged ? merged.concat(chunk) : chunk;
      chunks++;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(merged?.additional_kwargs.reasoning_content).toMatch(/^Effort low → cot/);
    expect(String(merged?.content).length).toBeGreaterThan(0);
    expect(merged?.usage_metadata?.output_token_details?.reasoning).toBeGreaterThan(0);
  });

  it('gets a limit that stops the run before any answer as empty content with finish_reason length', async () => {
    const limited = new ChatOpenAI({
      model: `${MODEL}:low`,
      apiKey: 'unused',
      configuration: { baseURL: server.baseURL },
      maxRetries: 2,
      maxTokens: 1,
    });
    const message = await limited.invoke(QUESTION);
    expect(message.content).toBe('');
    expect(message.response_metadata.finish_reason).toBe('length');
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
    expect(server.chatRequests()).toBe(1);
  });

  it('does not retry a 400', async () => {
    const error = await chat(server.baseURL, MODEL, { reasoning_effort: 'extreme' })
      .invoke(QUESTION)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400 });
    expect(server.chatRequests()).toBe(1);
  });

  it('does not retry a 404', async () => {
    const error = await chat(server.baseURL, 'no-such-model')
      .invoke(QUESTION)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, lc_error_code: 'MODEL_NOT_FOUND' });
    expect(server.chatRequests()).toBe(1);
  });
});

describe('LangChain when the backend fails after the stream began', () => {
  it('throws from the stream after some chunks and does not retry', async () => {
    const failing = await startConformanceServer({ failAfterEvents: 2 });
    try {
      let chunks = 0;
      const error = await (async () => {
        for await (const _chunk of await chat(failing.baseURL).stream(QUESTION)) chunks++;
      })().catch((caught: unknown) => caught);
      expect(chunks).toBeGreaterThan(0);
      expect((error as Error).message).toContain('Injected backend failure');
      expect(failing.chatRequests()).toBe(1);
    } finally {
      await failing.close();
    }
  });
});

describe('LangChain against a server at its concurrency limit', () => {
  it('retries a 429 because it carries retry-after, maxRetries times', async () => {
    const full = await startConformanceServer({ maxConcurrency: 0 });
    try {
      const error = await chat(full.baseURL)
        .invoke(QUESTION)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ status: 429 });
      expect(full.chatRequests()).toBe(3);
    } finally {
      await full.close();
    }
  });
});
