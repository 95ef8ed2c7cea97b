import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamReason } from '../engine/index.js';
import { postJson, RESPONSES_BASE, RESPONSES_FIELDS, rawExchange, StatusTally } from '../testing/http-fuzz.js';
import { parseSse } from '../testing/read-sse.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { createApp } from './create-app.js';
import { type RunningServer, startServer } from './start-server.js';

/**
 * A bounded fuzz suite over the HTTP surface: malformed requests must get a 4xx (or a 200 when they happen to be valid),
 * never a 5xx, and the server must stay up. The real engine runs behind it on a scripted model, so anything the
 * engine's own validation lets through is exercised too.
 */
const model = createScriptedModel({ id: 'scripted:fuzz', responses: ['7+5=12 >2\nA: 12'] });
const engine = { streamReason: (request: Parameters<typeof streamReason>[0]) => streamReason({ ...request, model }) };
const app = createApp({ engine, logSink: () => {}, bodyLimitBytes: 1 << 20, maxConcurrency: 8, maxQueued: 64 });

const base = { model: 'slowthink-mini', messages: [{ role: 'user', content: 'What is 7 + 5?' }] };
const FIELDS = [
  'model',
  'messages',
  'reasoning_effort',
  'reasoning',
  'thinking',
  'chat_template_kwargs',
  'max_completion_tokens',
  'max_tokens',
  'n',
  'temperature',
  'top_p',
  'seed',
  'stop',
  'stream',
  'stream_options',
  'logprobs',
  'top_logprobs',
  'tools',
  'response_format',
  'slowthink',
  'user',
  '__proto__',
  'constructor',
];

const deep = fc.integer({ min: 1, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((length) => 'x'.repeat(length));
const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  hugeString,
  fc.constantFrom(-1, 0, 1e308, -0, 0.5, 2 ** 53, '', 'none', 'max', 'auto', null, true, [], {}),
  fc.record({ effort: fc.string(), max_tokens: fc.jsonValue(), exclude: fc.jsonValue() }),
  fc.record({
    strategy: fc.constantFrom('cot', 'beam', 'mcts', 'nope', ''),
    options: fc.dictionary(fc.string(), fc.jsonValue()),
    max_tokens: fc.integer(),
  }),
  fc.array(fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'x'), content: fc.jsonValue() }), { maxLength: 3 }),
);

/** A JSON body with one field replaced or added, as text (deep nesting is spliced in as raw text). */
const fieldCase = fc
  .tuple(fc.constantFrom(...FIELDS), weirdValue, fc.boolean(), fc.option(deep, { freq: 5 }))
  .map(([field, value, stream, nested]) => {
    const body = JSON.stringify({ ...base, stream, [field]: value === undefined ? null : value });
    return nested === null ? body : `${body.slice(0, -1)},"${field}":${nested}}`;
  });
const truncated = fc
  .tuple(fc.constant(JSON.stringify({ ...base, reasoning_effort: 'low' })), fc.nat())
  .map(([text, cut]) => text.slice(0, cut % text.length));
const manyKeys = fc.integer({ min: 100, max: 20_000 }).map((count) => {
  const keys = Array.from({ length: count }, (_, index) => `"k${index}":${index}`).join(',');
  return `{"model":"slowthink-mini","messages":[{"role":"user","content":"What is 1 + 2?"}],${keys}}`;
});
const body = fc.oneof(
  { arbitrary: fieldCase, weight: 6 },
  { arbitrary: truncated, weight: 2 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'), weight: 1 },
  { arbitrary: manyKeys, weight: 1 },
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  '',
  'ü/ü',
);
const route = fc.oneof(
  { arbitrary: fc.constant({ method: 'POST', path: '/v1/chat/completions' }), weight: 8 },
  {
    arbitrary: fc.record({
      method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST'),
      path: fc.oneof(
        fc.constantFrom('/v1/chat/completions', '/v1/models', '/v1/completions', '/health', '/', '/v1/models/slowthink:high'),
        fc.webPath().map((path) => `/v1/models/${encodeURIComponent(path)}`),
        fc.webPath(),
      ),
    }),
    weight: 2,
  },
);

const tally = new StatusTally();

afterAll(() => {
  console.log(tally.summary('fuzz'));
});

describe('HTTP fuzz: malformed requests are 4xx, never 5xx, and the server stays up', () => {
  it('answers 600 malformed requests (bad JSON, wrong types, huge strings, deep nesting, many keys, bad headers, unknown routes)', async () => {
    await fc.assert(
      fc.asyncProperty(route, body, contentType, async ({ method, path }, text, type) => {
        const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
        const init: RequestInit = { method, headers, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: text }) };
        const response = await app.request(path, init);
        const reply = await response.text();
        tally.add(response.status);
        expect(response.status, reply.slice(0, 300)).toBeLessThan(500);
        expect(reply.length).toBeLessThan(64 * 1024);
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
          for (const event of parseSse(reply))
            if (event.kind === 'data' && event.data.startsWith('{"error"')) expect(event.data).not.toContain('internal_error');
        }
      }),
      { numRuns: 600, seed: 12 },
    );
    expect((await app.request('/health')).status).toBe(200);
  }, 60_000);
});

const inputItems = fc.array(
  fc.oneof(
    fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'tool', 'x'), content: fc.jsonValue() }),
    fc.record({ type: fc.constantFrom('message', 'reasoning', 'item_reference', 'function_call_output', ''), id: fc.jsonValue() }),
    fc.record({
      type: fc.constant('message'),
      role: fc.constant('user'),
      content: fc.array(fc.record({ type: fc.constantFrom('input_text', 'input_image', 'x'), text: fc.jsonValue() }), { maxLength: 2 }),
    }),
  ),
  { maxLength: 4 },
);
const responsesValue = fc.oneof(
  weirdValue,
  inputItems,
  fc.record({ effort: fc.oneof(fc.string(), fc.constantFrom('low', 'none', 'max')), summary: fc.jsonValue() }),
  fc.constantFrom('resp_', 'resp_0', 'msg_0', 'rs_0'),
);
const responsesCase = fc
  .tuple(fc.constantFrom(...RESPONSES_FIELDS), responsesValue, fc.boolean(), fc.option(deep, { freq: 5 }))
  .map(([field, value, stream, nested]) => {
    const text = JSON.stringify({ ...RESPONSES_BASE, stream, [field]: value === undefined ? null : value });
    return nested === null ? text : `${text.slice(0, -1)},"${field}":${nested}}`;
  });

describe('HTTP fuzz of /v1/responses: malformed requests are 4xx, never 5xx', () => {
  it('answers 300 malformed Responses requests (wrong types, odd input items, bad effort, unknown ids, deep nesting)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: responsesCase, weight: 5 }, { arbitrary: manyKeys, weight: 1 }), async (text) => {
        const { response, reply } = await postJson(app, '/v1/responses', text);
        tally.add(response.status);
        expect(response.status, reply.slice(0, 300)).toBeLessThan(500);
        expect(reply.length).toBeLessThan(64 * 1024);
        if (response.status >= 400) expect(JSON.parse(reply).error.message).toEqual(expect.any(String));
        if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
          for (const event of parseSse(reply)) if (event.kind === 'data') expect(event.data).not.toContain('internal_error');
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  }, 60_000);
});

describe('HTTP fuzz over a real socket: truncated bodies and bad framing', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ engine, port: 0, logSink: () => {}, headersTimeoutMs: 150, requestTimeoutMs: 250 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('closes every truncated or malformed exchange with a 4xx (or a 408 on time), and still serves /health after', async () => {
    const full = JSON.stringify(base);
    const raw = fc.oneof(
      fc
        .nat({ max: full.length - 1 })
        .map(
          (cut) =>
            `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${full.length}\r\n\r\n${full.slice(0, cut)}`,
        ),
      fc.nat({ max: 60 }).map((cut) => 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n'.slice(0, cut)),
      fc.string({ maxLength: 80 }).map((junk) => `${junk}\r\n\r\n`),
      fc.constantFrom(
        'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        const reply = await rawExchange(server.port, text);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
        tally.add(status);
        if (status !== 0) expect(status).toBeLessThan(500);
      }),
      { numRuns: 40, seed: 7 },
    );
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 60_000);
});
