import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/index.js';
import { DEFAULT_MODEL, defaultModelName, MAX_CACHED_REMOTE_MODELS, resolveModel } from './registry.js';

describe('model registry', () => {
  it('names the valid forms when the model is unknown', async () => {
    for (const name of ['warp:drive', 'nonsense', 'openai:', 'embedded:gpt-9']) {
      const error = await resolveModel(name).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: ERROR_CODES.UNKNOWN_MODEL, param: 'model' });
      expect((error as { hint: string }).hint).toContain('openai-compatible:<model>');
    }
  });

  it('resolves OpenAI-compatible names to cached instances with the right ids', async () => {
    const environment = { SLOWTHINK_OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };
    const first = await resolveModel('openai-compatible:qwen', environment);
    expect(first.id).toBe('openai-compatible:qwen');
    expect(await resolveModel('openai-compatible:qwen', environment)).toBe(first);
    expect((await resolveModel('ollama:llama3')).id).toBe('ollama:llama3');
    expect((await resolveModel('vllm:Qwen/Qwen2.5-0.5B')).provider).toBe('vllm');
  });

  it('needs a key for openai: and a base URL for openai-compatible:', async () => {
    await expect(resolveModel('openai:gpt-4o-mini', {})).rejects.toMatchObject({ code: ERROR_CODES.CONFIG });
    await expect(resolveModel('openai-compatible:other', {})).rejects.toMatchObject({ code: ERROR_CODES.CONFIG });
  });

  it('defaults to the embedded model unless SLOWTHINK_MODEL says otherwise', () => {
    expect(defaultModelName({ SLOWTHINK_MODEL: 'ollama:qwen' })).toBe('ollama:qwen');
    expect(DEFAULT_MODEL).toBe('embedded:slowthink-mini');
  });

  it('keeps at most MAX_CACHED_REMOTE_MODELS remote models, dropping the least recently used', async () => {
    const environment = { SLOWTHINK_OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' };
    const kept = await resolveModel('openai-compatible:kept', environment);
    const dropped = await resolveModel('openai-compatible:dropped', environment);
    for (let index = 0; index < MAX_CACHED_REMOTE_MODELS; index += 1) {
      await resolveModel(`openai-compatible:client-${index}`, environment);
      // Used again and again, so it stays among the most recent.
      if (index % 50 === 0) await resolveModel('openai-compatible:kept', environment);
    }
    expect(await resolveModel('openai-compatible:kept', environment)).toBe(kept);
    expect(await resolveModel('openai-compatible:dropped', environment)).not.toBe(dropped);
  });
});
