import { describe, expect, it } from 'vitest';
import { question, createTestApp as setup } from '../testing/test-app.js';

/** A society whose member models the client names in the `slowthink` extension. */
const society = (models: unknown) => ({ strategy: 'society', options: { models } });

describe("a society's member models go through the operator's catalog", () => {
  it.each([[['slowthink-mini', 'ollama:qwen3']], ['slowthink+gguf:/etc/passwd'], [['openai:gpt-4o']]])(
    'refuses %j with 404 before the engine runs',
    async (models) => {
      const { app, post, engine } = setup();
      const chat = await post({ model: 'slowthink', messages: question, slowthink: society(models) });
      expect(chat.status).toBe(404);
      expect((await chat.json()).error).toMatchObject({ code: 'model_not_found', param: 'model' });
      const responses = await app.request('/v1/responses', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'slowthink', input: 'What is 40 + 2?', slowthink: society(models) }),
      });
      expect(responses.status).toBe(404);
      expect(engine.requests).toHaveLength(0);
    },
  );

  it('runs a society of the shipped models', async () => {
    const { post, engine } = setup();
    const response = await post({ model: 'slowthink', messages: question, slowthink: society(['slowthink-mini', 'slowthink']) });
    expect(response.status).toBe(200);
    expect(engine.requests[0]?.options?.models).toEqual(['slowthink-mini', 'slowthink']);
  });
});
