import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

import { question, createTestApp as setup } from '../testing/test-app.js';

describe('POST /v1/chat/completions, not streaming', () => {
  it('returns the answer as content, the narrative in both reasoning fields, and full usage', async () => {
    const { post } = setup();
    const response = await post({ model: 'slowthink-mini', messages: question });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await response.json();
    const message = body.choices[0].message;
    expect(message.content).toBe('The answer is 42');
    expect(message.reasoning_content).toBe(message.reasoning);
    expect(message.reasoning_content).toContain('### Sample 2/3');
    expect(message.reasoning_content).toContain('Vote: 3/3 → 42 (confidence 0.97)');
    expect(message.reasoning_content).toContain('Verifier arithmetic on Sample 1/3: 1.00');
    expect(message.reasoning_content).toMatch(/^Effort medium → adaptive-consistency: vote over up to 5 chains/);
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 40,
      total_tokens: 50,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 36 },
      x_slowthink: { samples: 3, calls: 3, strategy: 'adaptive-consistency', effort: 'medium', stopped_by: null },
    });
  });

  it('omits the reasoning fields when reasoning.exclude is set, but still runs the engine', async () => {
    const { post, engine } = setup();
    const body = await (await post({ model: 'slowthink', messages: question, reasoning: { exclude: true } })).json();
    expect(body.choices[0].message).not.toHaveProperty('reasoning_content');
    expect(body.choices[0].message).not.toHaveProperty('reasoning');
    expect(engine.finished).toBe(1);
  });

  it('runs n independent choices with distinct seeds and sums their completion tokens', async () => {
    const { post, engine } = setup();
    const body = await (await post({ model: 'slowthink', messages: question, n: 3, seed: 7 })).json();
    expect(body.choices.map((choice: { index: number }) => choice.index)).toEqual([0, 1, 2]);
    expect(engine.requests.map((request) => request.seed)).toEqual([7, 8, 9]);
    expect(body.usage.completion_tokens).toBe(120);
    expect(body.usage.prompt_tokens).toBe(10);
  });
});

describe('errors', () => {
  it.each([
    [{ model: 'slowthink', messages: question, n: 9 }, 'n', 'invalid_value'],
    [{ model: 'slowthink', messages: [{ role: 'user', content: 5 }] }, 'messages[0].content', 'invalid_type'],
    [
      { model: 'slowthink', messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }] },
      'messages[0].content[0].text',
      'invalid_type',
    ],
    [
      { model: 'slowthink', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      'messages[0].content[0].type',
      'unsupported_value',
    ],
    [{ model: 'slowthink', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role', 'unsupported_value'],
    [{ model: 'slowthink', messages: question, reasoning_effort: 'extreme' }, 'reasoning_effort', 'unsupported_value'],
    [{ model: 'slowthink', messages: question, slowthink: { max_usd: -1 } }, 'slowthink.max_usd', 'invalid_value'],
    [{ model: 'slowthink', messages: question, slowthink: { strtegy: 'cot' } }, 'slowthink', 'invalid_value'],
    [{ model: 'slowthink', messages: question, tools: [{ type: 'function' }] }, 'tools', 'unsupported_parameter'],
    [{ model: 'slowthink', messages: [] }, 'messages', 'invalid_value'],
    [{ messages: question }, 'model', 'missing_required_parameter'],
  ])('400 for %j names param %s', async (body, param, code) => {
    const { post, engine } = setup();
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: 'invalid_request_error', param, code });
    expect(engine.requests).toHaveLength(0);
  });

  it('400 for a body that is not JSON, with x-request-id', async () => {
    const { post } = setup();
    const response = await post('{"model": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()).error.code).toBe('invalid_request_body');
  });

  it('is lenient about unknown top-level fields clients send, and logs their names', async () => {
    const { post, logs } = setup();
    const response = await post({ model: 'slowthink', messages: question, verbosity: 'low', store: false, user: 'u1', metadata: {} });
    expect(response.status).toBe(200);
    expect(logs[0]?.ignored_fields).toEqual(['verbosity', 'store', 'user', 'metadata']);
  });

  it('404 model_not_found for an unknown model, before the engine runs', async () => {
    const { post, engine } = setup();
    const response = await post({ model: 'nonexistent', messages: question, stream: true });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(engine.requests).toHaveLength(0);
  });

  it('maps an engine validation error to 400 even when streaming', async () => {
    const error = new SlowthinkError(ERROR_CODES.UNKNOWN_STRATEGY, 'No strategy named "magic".', { param: 'slowthink.strategy' });
    const { post } = setup({ throwAtStart: error });
    const response = await post({ model: 'slowthink', messages: question, stream: true, slowthink: { strategy: 'magic' } });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({
      code: 'unsupported_value',
      param: 'slowthink.strategy',
      x_slowthink_code: 'ST_UNKNOWN_STRATEGY',
    });
  });

  it('maps an unavailable model to 503 with retry-after', async () => {
    const { post } = setup({ throwAtStart: new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, 'weights missing') });
    const response = await post({ model: 'slowthink', messages: question });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('retry-after-ms')).toBe('1000');
    expect(response.headers.get('x-should-retry')).toBe('false');
  });

  it('answers 500 with x-should-retry false for a bug', async () => {
    const { post } = setup({ throwAtStart: new TypeError('oops') as unknown as SlowthinkError });
    const response = await post({ model: 'slowthink', messages: question });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-should-retry')).toBe('false');
  });

  it('413 for an oversized body', async () => {
    const { post } = setup({}, { bodyLimitBytes: 200 });
    const response = await post({ model: 'slowthink', messages: [{ role: 'user', content: 'x'.repeat(500) }] });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()).error.code).toBe('request_too_large');
  });

  it('429 with retry-after when the engine runs would exceed the concurrency limit', async () => {
    const { post, engine } = setup({}, { maxConcurrency: 2, retryAfterSeconds: 3 });
    const response = await post({ model: 'slowthink', messages: question, n: 3 });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('retry-after-ms')).toBe('3000');
    expect((await response.json()).error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expect(engine.requests).toHaveLength(0);
    expect((await post({ model: 'slowthink', messages: question, n: 2 })).status).toBe(200);
  });

  it('404 with the envelope for an unknown path', async () => {
    const { app } = setup();
    const response = await app.request('/v1/nothing');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await response.json()).error.code).toBe('unknown_url');
  });
});

describe('auth', () => {
  it('401 invalid_api_key for a missing or wrong key; 200 with a right one; /health stays open', async () => {
    const { post, app } = setup({}, { apiKeys: ['sk-one', 'sk-two'] });
    const body = { model: 'slowthink', messages: question };
    for (const headers of [{}, { authorization: 'Bearer sk-three' }, { authorization: 'sk-one' }] as Array<Record<string, string>>) {
      const response = await post(body, headers);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('invalid_api_key');
    }
    expect((await post(body, { authorization: 'Bearer sk-two' })).status).toBe(200);
    expect((await app.request('/v1/models')).status).toBe(401);
    expect((await app.request('/health')).status).toBe(200);
  });
});

describe('GET /v1/models', () => {
  it('lists the shipped models and finds one by id, with its effort suffix too', async () => {
    const { app } = setup();
    const list = await (await app.request('/v1/models')).json();
    expect(list.object).toBe('list');
    expect(list.data.map((model: { id: string }) => model.id)).toEqual(['slowthink', 'slowthink-mini']);
    expect((await (await app.request('/v1/models/slowthink-mini')).json()).object).toBe('model');
    expect((await app.request('/v1/models/slowthink:high')).status).toBe(200);
    const missing = await app.request('/v1/models/gpt-9');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('model_not_found');
  });
});

describe('logging', () => {
  it('logs one line per request without the prompt unless asked', async () => {
    const quiet = setup();
    await quiet.post({ model: 'slowthink', messages: question });
    expect(quiet.logs).toHaveLength(1);
    expect(JSON.stringify(quiet.logs[0])).not.toContain('40 + 2');
    expect(quiet.logs[0]).toMatchObject({ status: 200, model: 'slowthink', effort: 'medium', path: '/v1/chat/completions' });
    const loud = setup({}, { logPrompts: true });
    await loud.post({ model: 'slowthink', messages: question });
    expect(JSON.stringify(loud.logs[0])).toContain('40 + 2');
  });
});

describe('load and hostile input', () => {
  it('queues a request past the concurrency limit and serves it when a slot frees; 429 only when the line is full', async () => {
    const { post } = setup({ delayMs: 5 }, { maxConcurrency: 1, maxQueued: 1 });
    const body = { model: 'slowthink', messages: question };
    const statuses = await Promise.all([post(body), post(body), post(body)].map(async (pending) => (await pending).status));
    expect(statuses.sort()).toEqual([200, 200, 429]);
  });

  it('bounds what it echoes: a 1 MB model name costs a small error body and a small log line', async () => {
    const { post, logs } = setup();
    const response = await post({ model: 'm'.repeat(1 << 20), messages: question });
    expect(response.status).toBe(404);
    expect((await response.text()).length).toBeLessThan(1024);
    expect(JSON.stringify(logs.at(-1)).length).toBeLessThan(1024);
    const effort = await post({ model: 'slowthink', messages: question, reasoning_effort: 'e'.repeat(1 << 20) });
    expect(effort.status).toBe(400);
    expect((await effort.text()).length).toBeLessThan(2048);
  });

  it('refuses 150k keys with a 400 before parsing them, and logs a bounded list of ignored fields', async () => {
    const { post, logs } = setup();
    const keys = Array.from({ length: 150_000 }, (_, index) => `"k${index}":1`).join(',');
    const started = performance.now();
    const response = await post(`{"model":"slowthink","messages":[{"role":"user","content":"hi"}],${keys}}`);
    expect(response.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(500);
    const few = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`x${index}`, index]));
    expect((await post({ model: 'slowthink', messages: question, ...few })).status).toBe(200);
    expect(logs.at(-1)).toMatchObject({ ignored_field_count: 500 });
    expect(logs.at(-1)?.ignored_fields).toHaveLength(20);
  });
});
