/** The `openai` SDK (6.49.0) against the real server: reasoning, answer, usage, streaming, errors and retries. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, eventually, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startConformanceServer();
  client = new OpenAI({ baseURL: server.baseURL, apiKey: 'unused', maxRetries: 2 });
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

describe(`openai SDK on ${EMBEDDED_MODEL_READY ? 'the embedded model' : 'a scripted stand-in model'}`, () => {
  it('reads reasoning_content, reasoning, the answer and reasoning tokens from a completion', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: QUESTION }],
      reasoning_effort: 'low',
    });
    const message = completion.choices[0]!.message as (typeof completion.choices)[0]['message'] & {
      reasoning_content?: string;
      reasoning?: string;
    };
    expect(message.content?.length).toBeGreaterThan(0);
    expect(message.reasoning_content).toMatch(/^Effort low → cot/);
    expect(message.reasoning).toBe(message.reasoning_content);
    expect(completion._request_id).toMatch(/^req_/);
    const usage = completion.usage!;
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens_details!.reasoning_tokens!).toBeLessThanOrEqual(usage.completion_tokens);
    expect(usage.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    const run = server.runs[0]!;
    expect(run.outcome?.usage.completionTokens).toBe(usage.completion_tokens);
  });

  it('streams reasoning deltas before content, then the usage chunk', async () => {
    const stream = await client.chat.completions.create({
      model: `${MODEL}:low`,
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let reasoning = '';
    let content = '';
    let reasoningAfterContent = false;
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string; content?: string } | undefined;
      if (delta?.reasoning_content) {
        reasoning += delta.reasoning_content;
        if (content !== '') reasoningAfterContent = true;
      }
      if (delta?.content) content += delta.content;
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(reasoning).toMatch(/^Effort low → cot/);
    expect(content.length).toBeGreaterThan(0);
    expect(reasoningAfterContent).toBe(false);
    expect(finishReason).toMatch(/^(stop|length)$/);
    expect(usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(content).toBe(server.runs[0]!.outcome?.text);
  });

  it('cancels the engine run when the client stops reading', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: QUESTION }],
      reasoning_effort: 'max',
      stream: true,
    });
    for await (const chunk of stream) {
      if ((chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content) break;
    }
    await eventually(() => server.runs[0]?.error !== undefined || server.runs[0]?.outcome !== undefined);
    const run = server.runs[0]!;
    expect(run.error ?? run.outcome?.finishReason).toMatch(/ST_ABORTED|abort/);
  });

  it('gets a limit that stops the run before any answer as an empty answer with finish_reason length', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: QUESTION }],
      reasoning_effort: 'low',
      max_completion_tokens: 1,
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      usage = chunk.usage ?? usage;
    }
    expect(content).toBe('');
    expect(finishReason).toBe('length');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeLessThanOrEqual(2);
    // The strategy that ran and the limit that stopped it, never "unknown".
    expect((usage as unknown as { x_slowthink: Record<string, unknown> }).x_slowthink).toMatchObject({
      strategy: 'cot',
      stopped_by: 'tokens',
    });
    expect(server.chatRequests()).toBe(1);
  });

  it('lists the models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['slowthink', 'slowthink-mini']);
  });

  it('does not retry a 400, and sees its param', async () => {
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: QUESTION }], reasoning_effort: 'extreme' as 'high' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'reasoning_effort', code: 'unsupported_value' });
    expect(server.chatRequests()).toBe(1);
  });

  it('does not retry a 404 model_not_found', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: QUESTION }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(server.chatRequests()).toBe(1);
  });
});

describe('openai SDK when the backend fails after the stream began', () => {
  it('throws the data error event from the iterator and does not retry', async () => {
    const failing = await startConformanceServer({ failAfterEvents: 2 });
    try {
      const sdk = new OpenAI({ baseURL: failing.baseURL, apiKey: 'unused', maxRetries: 2 });
      const stream = await sdk.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: QUESTION }], stream: true });
      let reasoning = '';
      const error = await (async () => {
        for await (const chunk of stream)
          reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? '';
      })().catch((caught: unknown) => caught);
      expect(reasoning).toMatch(/^Effort medium/);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ status: undefined, code: 'upstream_error' });
      expect((error as Error).message).toContain('Injected backend failure');
      expect(failing.chatRequests()).toBe(1);
    } finally {
      await failing.close();
    }
  });
});

describe('openai SDK against a server with API keys', () => {
  it('gets 401 invalid_api_key for a wrong key, without retrying, and passes with the right one', async () => {
    const guarded = await startConformanceServer({ apiKeys: ['sk-right'] });
    try {
      const wrong = new OpenAI({ baseURL: guarded.baseURL, apiKey: 'sk-wrong', maxRetries: 2 });
      const error = await wrong.models.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
      expect(guarded.seen).toHaveLength(1);
      const right = new OpenAI({ baseURL: guarded.baseURL, apiKey: 'sk-right' });
      expect((await right.models.list()).data.length).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });
});

describe('openai SDK against a server at its concurrency limit', () => {
  it('retries a 429 with retry-after, maxRetries times', async () => {
    const full = await startConformanceServer({ maxConcurrency: 0 });
    try {
      const limited = new OpenAI({ baseURL: full.baseURL, apiKey: 'unused', maxRetries: 2 });
      const started = Date.now();
      const error = await limited.chat.completions
        .create({ model: MODEL, messages: [{ role: 'user', content: QUESTION }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(full.chatRequests()).toBe(3);
      expect(full.seen.map((request) => request.retryCount)).toEqual(['0', '1', '2']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    } finally {
      await full.close();
    }
  });
});
