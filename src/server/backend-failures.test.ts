import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamReason } from '../engine/index.js';
import { createOpenAICompatibleModel } from '../models/openai-compatible.js';
import { jsonResponse, type ScriptedBackend, startScriptedBackend } from '../testing/scripted-backend.js';
import { createApp } from './create-app.js';
import { createModelCatalog } from './model-catalog.js';

let backend: ScriptedBackend;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  backend = await startScriptedBackend();
  // The real engine and the real provider, only fast: backoff of a few ms and a short per-attempt timeout.
  const model = createOpenAICompatibleModel({ model: 'm', baseURL: backend.baseURL, retryDelayMs: { base: 1, max: 5 }, timeout: 300 });
  app = createApp({
    engine: { streamReason: (request) => streamReason({ ...request, model }) },
    catalog: createModelCatalog({ allowed: ['openai-compatible:*'] }),
    logSink: () => {},
  });
});

afterAll(async () => {
  await backend.close();
});

const body = { model: 'openai-compatible:m', reasoning_effort: 'low', messages: [{ role: 'user', content: 'What is 40 + 2?' }] };

async function post(extra: Record<string, unknown> = {}) {
  const response = await app.request('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, ...extra }),
  });
  return { response, text: await response.text() };
}

function failWith(status: number, headers: Record<string, string> = {}) {
  backend.handle((_body, response: ServerResponse) =>
    jsonResponse(response, status, { error: { message: `failed at ${backend.baseURL} (OPENAI_API_KEY?)` } }, headers),
  );
}

/** Nothing about the deployment reaches the client: no backend address, no variable names. */
function expectNoInternals(text: string) {
  expect(text).not.toContain('127.0.0.1');
  expect(text).not.toMatch(/[A-Z]+_[A-Z_]+_?(KEY|URL)/);
}

describe('backend failures as the client sees them (real engine, real provider, one retry layer)', () => {
  it('a backend 429 is a 429 with retry-after, after the provider retried twice and the server not at all', async () => {
    failWith(429, { 'retry-after-ms': '5' });
    const { response, text } = await post();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(text).error).toMatchObject({ type: 'rate_limit_error', code: 'upstream_rate_limited' });
    expect(backend.attempts()).toBe(3);
    expectNoInternals(text);
  });

  it("passes on the backend's own wait (capped at 60 s) when it asks for more than the provider waits", async () => {
    failWith(429, { 'retry-after': '120' });
    const { response } = await post();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(backend.attempts()).toBe(1);
  });

  it('a backend 5xx is a 502 with retry-after', async () => {
    failWith(500);
    const { response, text } = await post();
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(backend.attempts()).toBe(3);
    expectNoInternals(text);
  });

  it("a backend 401 is the server's failure (502, not retried), not the client's 400", async () => {
    failWith(401);
    const { response, text } = await post();
    expect(response.status).toBe(502);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect(JSON.parse(text).error.code).toBe('upstream_auth_failed');
    expect(backend.attempts()).toBe(1);
    expectNoInternals(text);
  });

  it('a backend that never answers is a 504', async () => {
    backend.handle(() => {}); // accepts and says nothing
    const { response, text } = await post();
    expect(response.status).toBe(504);
    expect(JSON.parse(text).error.code).toBe('upstream_timeout');
    expectNoInternals(text);
  });

  it('a streamed request that fails after the headers carries the same code in its error event', async () => {
    failWith(429, { 'retry-after-ms': '40' });
    const { response, text } = await post({ stream: true });
    if (response.status === 200) expect(text).toContain('"code":"upstream_rate_limited"');
    else expect(response.status).toBe(429);
    expectNoInternals(text);
  });
});
