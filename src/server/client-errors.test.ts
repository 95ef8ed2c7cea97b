import { describe, expect, it } from 'vitest';
import { streamReason } from '../engine/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { createTestApp } from '../testing/test-app.js';
import { clientText } from './api-error.js';
import { createApp } from './create-app.js';

type ErrorBody = { error: { message: string; param: string | null; code: string | null; type: string } };

/** The real engine: an empty question fails in its request check, before any model loads. */
const realApp = () => createApp({ engine: { streamReason }, logSink: () => {} });

function post(app: ReturnType<typeof realApp>, path: string, body: unknown) {
  return app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('engine errors as HTTP clients see them', () => {
  it('answers an empty chat question with a 400 that carries no CLI command or flag', async () => {
    const reply = await post(realApp(), '/v1/chat/completions', { model: 'slowthink-mini', messages: [{ role: 'user', content: '  ' }] });
    expect(reply.status).toBe(400);
    const { error } = (await reply.json()) as ErrorBody;
    expect(error.param).toBe('messages');
    expect(error.message).toMatch(/empty/);
    expect(error.message).not.toMatch(/slowthink ask|--[a-z]/);
  });

  it('answers an empty Responses input with a 400 naming input, in the API words', async () => {
    for (const input of ['', [{ role: 'user', content: '' }], [{ role: 'system', content: 'Be brief.' }]]) {
      const reply = await post(realApp(), '/v1/responses', { model: 'slowthink-mini', input });
      expect(reply.status).toBe(400);
      const { error } = (await reply.json()) as ErrorBody;
      expect(error.param).toBe('input');
      expect(error.message).not.toMatch(/slowthink ask|--[a-z]|messages/);
    }
  });

  it('keeps a hint that helps an API client and drops one that names a command or a flag', () => {
    const listing = new SlowthinkError(ERROR_CODES.UNKNOWN_STRATEGY, 'Unknown strategy x', { hint: 'Use one of: cot, beam.' });
    expect(clientText(listing)).toContain('cot, beam');
    const flag = new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'No price', { hint: 'or use --max-tokens instead.' });
    expect(clientText(flag)).toBe('No price');
  });
});

describe('unknown ids on /v1/responses', () => {
  it('answers an unknown item_reference and an unknown previous_response_id with 404 in OpenAI error shape', async () => {
    const { app } = createTestApp();
    const cases = [
      { body: { model: 'slowthink', input: [{ type: 'item_reference', id: 'msg_nope' }] }, param: 'input[0].id' },
      { body: { model: 'slowthink', input: 'Hi', previous_response_id: 'resp_nope' }, param: 'previous_response_id' },
    ];
    for (const { body, param } of cases) {
      const reply = await post(app, '/v1/responses', body);
      expect(reply.status).toBe(404);
      const { error } = (await reply.json()) as ErrorBody;
      expect(error).toMatchObject({ param, type: 'invalid_request_error' });
      expect(error.message).toMatch(/not found/);
    }
  });
});
