import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type SlowthinkError } from '../errors/index.js';
import type { GenerateRequest } from '../spec/index.js';
import {
  jsonResponse,
  openStream,
  type ScriptedBackend,
  sseToken,
  startScriptedBackend,
  streamAnswer,
} from '../testing/scripted-backend.js';
import { slowthinkFailure } from '../testing/slowthink-failure.js';
import { retryAfterMs } from './backend-errors.js';
import { DEFAULT_RETRY_POLICY, retryDelay } from './backend-retry.js';
import { createOpenAICompatibleModel, type OpenAICompatibleModelOptions } from './openai-compatible.js';

let backend: ScriptedBackend;
beforeAll(async () => {
  backend = await startScriptedBackend();
});
afterAll(() => backend.close());

const ask: GenerateRequest = { messages: [{ role: 'user', content: '2+2?' }] };

function model(options: Partial<OpenAICompatibleModelOptions> = {}) {
  return createOpenAICompatibleModel({
    model: 'qwen',
    provider: 'vllm',
    baseURL: backend.baseURL,
    apiKey: 'k',
    retryDelayMs: { base: 5, max: 20 },
    ...options,
  });
}

/** What a user sees must not show where the backend is or how it is configured. */
function expectNoInternals(error: SlowthinkError) {
  for (const text of [error.message, error.hint ?? '']) {
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|https?:|:\d{2,5}\b|_BASE_URL|_API_KEY|OPENAI_/);
  }
  expect(error.message).toContain('provider vllm');
}

describe('backend failures: one retry layer, stable codes, no internals', () => {
  it('retries a 503 once and succeeds: two requests in all, not the SDK retries on top', async () => {
    backend.handle((_body, response) => {
      if (backend.attempts() === 1) jsonResponse(response, 503, { error: { message: 'overloaded' } }, { 'retry-after-ms': '10' });
      else streamAnswer(response, ['4']);
    });
    const result = await model().doGenerate(ask);
    expect([backend.attempts(), result.samples[0]?.text]).toEqual([2, '4']);
  });

  it('gives a 429 two retries, then fails with RATE_LIMITED carrying the status and the retry-after', async () => {
    backend.handle((_body, response) => jsonResponse(response, 429, { error: { message: 'slow down' } }, { 'retry-after': '0.3' }));
    const started = Date.now();
    const error = await slowthinkFailure(model().doGenerate(ask));
    expect([backend.attempts(), error.code, error.upstreamStatus, error.retryAfterSeconds, error.retryable]).toEqual([
      3,
      ERROR_CODES.MODEL_RATE_LIMITED,
      429,
      1,
      true,
    ]);
    // Two waits of the 0.3 s the backend asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(580);
    expectNoInternals(error);
  });

  it('does not retry a 401: CALL_FAILED with upstream status 401 and a hint about the key', async () => {
    backend.handle((_body, response) => jsonResponse(response, 401, { error: { message: `bad key, see ${backend.baseURL}/docs` } }));
    const error = await slowthinkFailure(model().doGenerate(ask));
    expect([backend.attempts(), error.code, error.upstreamStatus, error.retryable]).toEqual([1, ERROR_CODES.MODEL_CALL_FAILED, 401, false]);
    expect(error.hint).toMatch(/API key/);
    expectNoInternals(error);
  });

  it('maps a dead port to UNAVAILABLE and a silent backend to TIMEOUT, each after two retries', async () => {
    const dead = createOpenAICompatibleModel({ model: 'x', provider: 'vllm', baseURL: 'http://127.0.0.1:9/v1', retryDelayMs: { base: 5 } });
    const unavailable = await slowthinkFailure(dead.doGenerate(ask));
    expect([unavailable.code, unavailable.retryable]).toEqual([ERROR_CODES.MODEL_UNAVAILABLE, true]);
    expectNoInternals(unavailable);
    backend.handle(() => undefined);
    const timeout = await slowthinkFailure(model({ timeout: 60 }).doGenerate(ask));
    expect([backend.attempts(), timeout.code]).toEqual([3, ERROR_CODES.MODEL_TIMEOUT]);
    expectNoInternals(timeout);
  });

  it('retries garbage before any token, and fails cleanly when it stays garbage', async () => {
    backend.handle((_body, response) => {
      if (backend.attempts() === 3) return streamAnswer(response, ['ok']);
      openStream(response);
      response.end('data: {"choices": [{"index": 0, "delta": {"content"\n\n');
    });
    expect((await model().doGenerate(ask)).samples[0]?.text).toBe('ok');
    for (const garbage of ['data: <html>502 Bad Gateway</html>\n\n', 'data: {"choices": 7}\n\n', 'data: {"choices": [null]}\n\n']) {
      backend.handle((_body, response) => {
        openStream(response);
        response.end(garbage);
      });
      const error = await slowthinkFailure(model().doGenerate(ask));
      expect([backend.attempts(), error.code, error.retryable]).toEqual([3, ERROR_CODES.MODEL_CALL_FAILED, true]);
      expect(error.message).not.toMatch(/TypeError|undefined/);
    }
  });

  it('returns the partial sample of a stream cut or garbled after tokens, counted, and never retries it', async () => {
    for (const ending of ['cut', 'garbage', 'end']) {
      backend.handle((_body, response) => {
        openStream(response);
        response.write(sseToken('48+'));
        response.write(sseToken('77='));
        if (ending === 'cut') setTimeout(() => response.destroy(), 20);
        else response.end(ending === 'garbage' ? 'data: {oops\n\n' : '');
      });
      const result = await model().doGenerate(ask);
      expect([backend.attempts(), result.samples]).toEqual([
        1,
        [{ text: '48+77=', finishReason: 'error', usage: { promptTokens: undefined, completionTokens: 2 } }],
      ]);
    }
  });

  it('stops retrying at once on abort, and gives up at once on a retry-after past 60 s', async () => {
    backend.handle((_body, response) => jsonResponse(response, 429, { error: { message: 'later' } }, { 'retry-after': '30' }));
    const started = Date.now();
    const error = await slowthinkFailure(model().doGenerate({ ...ask, signal: AbortSignal.timeout(80) }));
    expect([error.code, backend.attempts()]).toEqual([ERROR_CODES.MODEL_RATE_LIMITED, 1]);
    expect(Date.now() - started).toBeLessThan(1000);
    backend.handle((_body, response) => jsonResponse(response, 429, { error: { message: 'later' } }, { 'retry-after': '61' }));
    expect([(await slowthinkFailure(model().doGenerate(ask))).retryAfterSeconds, backend.attempts()]).toEqual([61, 1]);
  });
});

describe('retry policy', () => {
  it('waits what the backend asks (≤ 60 s), else backs off exponentially with ≤ 25 % jitter, never past the deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, asked, budgetLeft, random) => {
          const now = 1_000_000;
          const deadline = budgetLeft === undefined ? undefined : now + budgetLeft;
          const wait = retryDelay(retry, DEFAULT_RETRY_POLICY, { retryAfterMs: asked, deadline, random: () => random, now });
          if (retry >= 2 || (asked !== undefined && asked > 60_000)) return wait === undefined;
          if (wait === undefined) return deadline !== undefined;
          const backoff = Math.min(8_000, 500 * 2 ** retry);
          const expected = asked === undefined ? wait <= backoff && wait >= 0.75 * backoff : wait === asked;
          return expected && (deadline === undefined || now + wait < deadline);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});
