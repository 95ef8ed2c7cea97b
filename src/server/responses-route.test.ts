import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';

function responses(app: ReturnType<typeof createTestApp>['app'], body: unknown) {
  return app.request('/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('POST /v1/responses', () => {
  it('names the Responses param, not the chat one, for a bad input role', async () => {
    const { app } = createTestApp();
    const reply = await responses(app, { model: 'slowthink', input: [{ role: 'tool', content: 'x' }] });
    expect(reply.status).toBe(400);
    const { error } = (await reply.json()) as { error: { param: string; message: string } };
    expect(error.param).toMatch(/^input/);
    expect(error.message).not.toContain('messages');
  });

  it('keeps instructions to their own turn and sends a reasoning item only when reasoning is shown', async () => {
    const { app, engine } = createTestApp();
    const first = await responses(app, { model: 'slowthink', input: 'What is 40 + 2?', instructions: 'Be brief.' });
    const firstBody = (await first.json()) as { id: string; output: Array<{ type: string }> };
    expect(firstBody.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    const second = await responses(app, {
      model: 'slowthink',
      input: 'And +1?',
      previous_response_id: firstBody.id,
      reasoning: { effort: 'none' },
    });
    const secondBody = (await second.json()) as { output: Array<{ type: string }> };
    expect(secondBody.output.map((item) => item.type)).toEqual(['message']);
    const roles = engine.requests.map((request) => (request.messages ?? []).map((message) => message.role));
    expect(roles).toEqual([
      ['system', 'user'],
      ['user', 'assistant', 'user'],
    ]);
  });
});
