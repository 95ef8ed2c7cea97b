/**
 * slowthink as its own backend: clients → slowthink server → engine → `openai-compatible` provider → slowthink server
 * → embedded model. The outer engine asks its backend for logprobs when a strategy weighs confidence; the inner server
 * used to refuse them (400), and real clients through the chain failed 6 of 12 checks. `SLOWTHINK_CONFORMANCE_CHAIN=1`
 * runs every conformance suite through this chain.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { ChatOpenAI } from '@langchain/openai';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceServer, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;

beforeAll(async () => {
  server = await startConformanceServer({ chain: true });
});
afterAll(() => server?.close());

describe('slowthink as the backend of slowthink', () => {
  it('the openai SDK gets reasoning, an answer and usage through the chain, non-streaming and streaming', async () => {
    const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'unused', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: MODEL,
      reasoning_effort: 'medium',
      messages: [{ role: 'user', content: QUESTION }],
    });
    expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    const stream = await client.chat.completions.create({
      model: MODEL,
      reasoning_effort: 'low',
      stream: true,
      messages: [{ role: 'user', content: QUESTION }],
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = (chunk.choices[0]?.delta ?? {}) as { reasoning_content?: string; content?: string | null };
      reasoning += delta.reasoning_content ?? '';
      content += delta.content ?? '';
    }
    expect(reasoning).toMatch(/^Effort low → cot/);
    expect(content.length).toBeGreaterThan(0);
    // Every outer engine call reached the inner server and was answered there, logprobs and all.
    const inner = server.backend;
    expect(inner?.chatRequests()).toBeGreaterThanOrEqual(2);
    expect(inner?.runs.every((run) => run.outcome !== undefined)).toBe(true);
  });

  it('the AI SDK and LangChain read the chain like any slowthink server', async () => {
    const provider = createOpenAICompatible({ name: 'slowthink', baseURL: server.baseURL, apiKey: 'unused', includeUsage: true });
    const result = await generateText({ model: provider(`${MODEL}:low`), prompt: QUESTION, maxRetries: 0 });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.reasoningText).toMatch(/^Effort low/);
    const chat = new ChatOpenAI({ model: `${MODEL}:low`, apiKey: 'unused', configuration: { baseURL: server.baseURL }, maxRetries: 0 });
    const message = await chat.invoke(QUESTION);
    expect(String(message.content).length).toBeGreaterThan(0);
    expect(message.additional_kwargs.reasoning_content).toMatch(/^Effort low/);
  });

  it('a direct request with logprobs is answered (logprobs: null), not refused', async () => {
    const response = await fetch(`${server.backend?.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        reasoning_effort: 'minimal',
        logprobs: true,
        top_logprobs: 3,
        messages: [{ role: 'user', content: QUESTION }],
      }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).choices[0].logprobs).toBeNull();
  });
});
