import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { createOpenAICompatibleModel } from './openai-compatible.js';

type Handler = (body: Record<string, unknown>, response: ServerResponse, request: IncomingMessage) => void;

let server: Server;
let baseURL: string;
let handler: Handler;
const bodies: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      bodies.push(body);
      handler(body, response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'deepseek-reasoner',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Answer: 4', reasoning_content: 'Two plus two is four.' },
      finish_reason: 'stop',
      logprobs: { content: [{ token: 'Answer', logprob: -0.1, top_logprobs: [] }] },
    },
    { index: 1, message: { role: 'assistant', content: 'Answer: 5', reasoning: 'Hmm, five?' }, finish_reason: 'length', logprobs: null },
  ],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 40,
    completion_tokens_details: { reasoning_tokens: 30 },
    prompt_tokens_details: { cached_tokens: 2 },
  },
};

function model(options: { maxRetries?: number } = {}) {
  return createOpenAICompatibleModel({ model: 'deepseek-reasoner', provider: 'deepseek', baseURL, apiKey: 'k', ...options });
}

describe('openai-compatible model', () => {
  it('keeps native reasoning, logprobs and usage from a non-streaming response with n=2', async () => {
    handler = (_body, response) => json(response, 200, completion);
    const result = await model().doGenerate({
      messages: [
        { role: 'developer', content: 'be brief' },
        { role: 'user', content: '2+2?' },
      ],
      n: 2,
      maxTokens: 50,
      logprobs: true,
      seed: 3,
    });
    const sent = bodies.at(-1);
    expect(sent).toMatchObject({ model: 'deepseek-reasoner', n: 2, max_tokens: 50, logprobs: true, seed: 3 });
    expect((sent?.messages as Array<{ role: string }> | undefined)?.[0]?.role).toBe('system');
    expect(result.samples.map((sample) => [sample.text, sample.reasoning, sample.finishReason])).toEqual([
      ['Answer: 4', 'Two plus two is four.', 'stop'],
      ['Answer: 5', 'Hmm, five?', 'length'],
    ]);
    expect(result.samples[0]?.tokenLogprobs).toEqual([-0.1]);
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 40, reasoningTokens: 30, cachedTokens: 2 });
    expect(result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0)).toBe(40);
    // deepseek-reasoner: $0.55 in ($0.14 cached), $2.19 out per MTok.
    expect(result.costUsd).toBeCloseTo((10 * 0.55 + 2 * 0.14 + 40 * 2.19) / 1e6, 12);
  });

  it('streams reasoning_content and content deltas per choice and reads the final usage chunk', async () => {
    handler = (_body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (choices: unknown[], usage: unknown = null) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices, usage })}\n\n`;
      response.write(chunk([{ index: 0, delta: { role: 'assistant', reasoning_content: 'Let me ' }, finish_reason: null }]));
      response.write(chunk([{ index: 0, delta: { reasoning_content: 'think.' }, finish_reason: null }]));
      response.write(chunk([{ index: 0, delta: { content: 'Answer: 4' }, finish_reason: null }]));
      response.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
      response.write(chunk([], { prompt_tokens: 5, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: 6 } }));
      response.end('data: [DONE]\n\n');
    };
    const deltas: string[] = [];
    const result = await model().doGenerate({
      messages: [{ role: 'user', content: '2+2?' }],
      onDelta: (index, delta, channel) => deltas.push(`${index}:${channel}:${delta}`),
    });
    expect(bodies.at(-1)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(deltas).toEqual(['0:reasoning:Let me ', '0:reasoning:think.', '0:text:Answer: 4']);
    expect(result.samples).toEqual([
      { text: 'Answer: 4', reasoning: 'Let me think.', finishReason: 'stop', usage: { promptTokens: undefined, completionTokens: 9 } },
    ]);
    expect(result.usage.reasoningTokens).toBe(6);
  });

  it('sends max_completion_tokens to OpenAI reasoning models and drops the settings they reject, with warnings', async () => {
    handler = (_body, response) => json(response, 200, completion);
    const o3 = createOpenAICompatibleModel({ model: 'o3-mini', provider: 'openai', baseURL, apiKey: 'k' });
    const result = await o3.doGenerate({ messages: [{ role: 'user', content: 'hi' }], maxTokens: 100, temperature: 0.5, logprobs: true });
    const sent = bodies.at(-1) ?? {};
    expect(sent.max_completion_tokens).toBe(100);
    expect(['max_tokens', 'temperature', 'logprobs'].filter((key) => key in sent)).toEqual([]);
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['temperature', 'logprobs']);
  });

  it('retries a 503 and succeeds on the next attempt', async () => {
    let attempts = 0;
    handler = (_body, response) => {
      attempts += 1;
      if (attempts === 1) {
        response.setHeader('retry-after-ms', '10');
        json(response, 503, { error: { message: 'overloaded', type: 'server_error' } });
      } else json(response, 200, completion);
    };
    const result = await model().doGenerate({ messages: [{ role: 'user', content: 'hi' }] });
    expect(attempts).toBe(2);
    expect(result.samples).toHaveLength(2);
  });

  it('maps a 400 to MODEL_CALL_FAILED (not retryable) and a dead port to MODEL_UNAVAILABLE', async () => {
    handler = (_body, response) => json(response, 400, { error: { message: 'bad model', type: 'invalid_request_error' } });
    const failed = await model()
      .doGenerate({ messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(SlowthinkError.isInstance(failed) && [failed.code, failed.retryable]).toEqual([ERROR_CODES.MODEL_CALL_FAILED, false]);
    expect(String((failed as Error).message)).toMatch(/status 400/);
    const dead = createOpenAICompatibleModel({ model: 'x', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    const unavailable = await dead.doGenerate({ messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(SlowthinkError.isInstance(unavailable) && [unavailable.code, unavailable.retryable]).toEqual([
      ERROR_CODES.MODEL_UNAVAILABLE,
      true,
    ]);
  });

  it('aborts a slow call promptly', async () => {
    handler = (_body, response) => setTimeout(() => json(response, 200, completion), 2000);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await model()
      .doGenerate({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(SlowthinkError.isInstance(error) && error.code).toBe(ERROR_CODES.ABORTED);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
