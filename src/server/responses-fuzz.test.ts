import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { streamReason } from '../engine/index.js';
import { postJson, RESPONSES_BASE, RESPONSES_FIELDS, StatusTally } from '../testing/http-fuzz.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { createApp } from './create-app.js';

/**
 * Fuzz of POST /v1/responses against a store that holds responses (http-fuzz.test.ts covers the route with an empty
 * one): ids of stored, evicted and made-up responses and items, in previous_response_id and item_reference, next to
 * hostile values; never a 5xx, never `internal_error`. The real engine runs behind it on a scripted model; the store is
 * tiny so eviction happens during the run.
 */
const model = createScriptedModel({ id: 'scripted:fuzz', responses: ['7+5=12 >2\nA: 12'] });
const engine = { streamReason: (request: Parameters<typeof streamReason>[0]) => streamReason({ ...request, model }) };
const app = createApp({
  engine,
  logSink: () => {},
  bodyLimitBytes: 1 << 20,
  maxConcurrency: 8,
  responseStoreMaxEntries: 4,
  responseStoreMaxBytes: 4096,
});

/** Ids of responses stored before the fuzz runs (filled in the test; read lazily when a case is drawn). */
const stored: string[] = [];
const storedId = fc
  .tuple(fc.nat(), fc.constantFrom('resp_', 'msg_', 'rs_'))
  .map(([index, prefix]) => (stored[index % Math.max(1, stored.length)] ?? 'resp_none').replace(/^resp_/, prefix));
const ids = fc.oneof(
  storedId,
  fc.string({ maxLength: 40 }),
  fc.constantFrom('resp_', 'msg_', 'rs_', `rs_${'0'.repeat(32)}`, `msg_${'f'.repeat(32)}`),
);
const item = fc.oneof(
  fc.record({ type: fc.constantFrom('message', 'reasoning', 'item_reference', 'function_call', 'x'), id: ids }),
  fc.record({ role: fc.constantFrom('user', 'system', 'assistant', 'developer', 'tool', ''), content: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    role: fc.constant('user'),
    content: fc.array(fc.record({ type: fc.constantFrom('input_text', 'input_image', 'output_text', ''), text: fc.jsonValue() }), {
      maxLength: 3,
    }),
  }),
);
const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1e308, 0.5, '', 'none', 'max', null, true, [], {}),
  fc.record({ effort: fc.oneof(fc.string(), fc.constantFrom('low', 'none', 'xhigh')), summary: fc.jsonValue() }),
  fc.array(item, { maxLength: 4 }),
  ids,
  fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length)),
);
const body = fc
  .tuple(fc.constantFrom(...RESPONSES_FIELDS), weirdValue, fc.boolean())
  .map(([field, value, stream]) => JSON.stringify({ ...RESPONSES_BASE, stream, [field]: value === undefined ? null : value }));

const tally = new StatusTally();
afterAll(() => {
  console.log(tally.summary('responses fuzz'));
});

describe('POST /v1/responses fuzz: malformed requests are 4xx, never 5xx', () => {
  it('answers 150 bodies (wrong types, odd items, unknown or evicted ids, huge strings) below 500', async () => {
    // A few stored responses, so previous_response_id and item_reference sometimes hit and sometimes miss.
    for (let index = 0; index < 6; index++) {
      const response = await app.request('/v1/responses', { method: 'POST', body: JSON.stringify(RESPONSES_BASE) });
      expect(response.status).toBe(200);
      stored.push(((await response.json()) as { id: string }).id);
    }
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const { response, reply } = await postJson(app, '/v1/responses', text);
        tally.add(response.status);
        expect(response.status, reply.slice(0, 300)).toBeLessThan(500);
        // A 200 echoes `instructions` as OpenAI does; an error must not quote a huge value back.
        if (response.status >= 400) {
          expect(reply.length).toBeLessThan(64 * 1024);
          expect(JSON.parse(reply).error.message).toEqual(expect.any(String));
        }
        expect(reply).not.toContain('internal_error');
      }),
      { numRuns: 150, seed: 15 },
    );
    expect((await app.request('/health')).status).toBe(200);
  }, 60_000);
});
