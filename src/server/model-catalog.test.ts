import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { createTestApp } from '../testing/test-app.js';
import { createModelCatalog } from './model-catalog.js';

const notFound = { status: 404, code: 'model_not_found', param: 'model' };

describe('model catalog: only what the operator configured is selectable', () => {
  it('accepts the shipped models and refuses providers nobody set up, without dialling them', async () => {
    const asked: string[] = [];
    const catalog = createModelCatalog({ resolve: (name: string) => asked.push(name) });
    await catalog.check('slowthink-mini');
    await catalog.check('embedded:slowthink');
    for (const name of [
      'ollama:qwen3',
      'vllm:x',
      'openai:gpt-4o',
      'openai-compatible:m',
      'nope:x',
      'gguf:/etc/passwd',
      'x'.repeat(1 << 20),
    ]) {
      await expect(catalog.check(name)).rejects.toMatchObject(notFound);
    }
    expect(asked).toEqual(['slowthink-mini', 'embedded:slowthink']);
  });

  it('accepts any model of a provider whose address or key is set, and names or providers the operator allowed', async () => {
    const environment = { SLOWTHINK_OLLAMA_BASE_URL: 'http://gpu-box:11434/v1', OPENAI_API_KEY: '' };
    const catalog = createModelCatalog({ environment, allowed: ['vllm:llama-3', 'openai-compatible:*'] });
    await catalog.check('ollama:qwen3');
    await catalog.check('vllm:llama-3');
    await catalog.check('openai-compatible:anything');
    await expect(catalog.check('vllm:other')).rejects.toMatchObject(notFound);
    await expect(catalog.check('openai:gpt-4o')).rejects.toMatchObject(notFound); // an empty key is no key
    expect(catalog.list()).toEqual(['slowthink', 'slowthink-mini', 'vllm:llama-3']);
  });

  it('refuses gguf: paths unless local files are allowed', async () => {
    await expect(createModelCatalog().check('gguf:/models/x.gguf')).rejects.toMatchObject(notFound);
    await createModelCatalog({ allowLocalFiles: true }).check('gguf:/models/x.gguf');
  });

  it('a registry failure to configure the model is a 404 that does not repeat the server setting it names', async () => {
    const resolve = () => {
      throw new SlowthinkError(ERROR_CODES.CONFIG, 'SLOWTHINK_OPENAI_BASE_URL is not set');
    };
    const catalog = createModelCatalog({ resolve, allowed: ['openai-compatible:*'] });
    const error = await Promise.resolve(catalog.check('openai-compatible:m')).catch((caught: Error) => caught);
    expect(error).toMatchObject(notFound);
    expect((error as Error).message).not.toContain('SLOWTHINK_');
  });

  it('GET /v1/models/{id} and POST answer 404 for an unconfigured provider; the engine never runs', async () => {
    const { app, post, engine } = createTestApp();
    expect((await app.request('/v1/models/ollama:foo')).status).toBe(404);
    const response = await post({ model: 'ollama:qwen3', messages: [{ role: 'user', content: 'What is 1 + 1?' }] });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('model_not_found');
    expect(engine.requests).toHaveLength(0);
  });
});
