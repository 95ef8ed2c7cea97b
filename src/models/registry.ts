/**
 * @module The model registry: `provider:model` names → Model instances (cached per name). Default model: the env
 * SLOWTHINK_MODEL, else the config file's `model`, else `embedded:slowthink-mini`.
 */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Model } from '../spec/index.js';
import { loadConfig } from './config.js';
import type { OpenAICompatibleModelOptions } from './openai-compatible.js';
import { continuationFromEnvironment } from './openai-compatible-continuation.js';
import { setPriceOverrides } from './prices.js';

/** The model used when nothing is configured. */
export const DEFAULT_MODEL = 'embedded:slowthink-mini';

/** The accepted name forms, for help texts and errors. */
export const MODEL_NAME_FORMS = [
  'slowthink-mini',
  'slowthink',
  'embedded:slowthink-mini',
  'embedded:slowthink',
  'gguf:/path/to/file.gguf',
  'openai:<model> (OPENAI_API_KEY, OPENAI_BASE_URL)',
  'openai-compatible:<model> (SLOWTHINK_OPENAI_BASE_URL, SLOWTHINK_OPENAI_API_KEY)',
  'ollama:<model> (SLOWTHINK_OLLAMA_BASE_URL, default http://127.0.0.1:11434/v1)',
  'vllm:<model> (SLOWTHINK_VLLM_BASE_URL, default http://127.0.0.1:8000/v1)',
] as const;

/** Loaded on first use: the openai SDK is a tenth of a second of start-up that the embedded model never needs. */
async function createOpenAICompatibleModel(options: OpenAICompatibleModelOptions): Promise<Model> {
  const { createOpenAICompatibleModel: create } = await import('./openai-compatible.js');
  return create(options);
}

const cache = new Map<string, Promise<Model>>();
/**
 * Remote models kept at most: a server that lets clients name `provider:*` models must not grow without bound. Remote
 * models are cheap clients, dropped oldest-first without `close()` (a request may still hold one); local models (whose
 * weights are loaded) are few and always kept.
 */
export const MAX_CACHED_REMOTE_MODELS = 256;

function isLocalModelName(name: string): boolean {
  return !name.includes(':') || name.startsWith('embedded:') || name.startsWith('gguf:');
}

function evictOldRemoteModels(): void {
  let remote = 0;
  for (const key of cache.keys()) if (!isLocalModelName(key)) remote += 1;
  for (const key of cache.keys()) {
    if (remote <= MAX_CACHED_REMOTE_MODELS) return;
    if (isLocalModelName(key)) continue;
    cache.delete(key);
    remote -= 1;
  }
}
let configApplied = false;

function unknownModel(name: string, why: string): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.UNKNOWN_MODEL, `Unknown model "${name}": ${why}`, {
    hint: `Use one of: ${MODEL_NAME_FORMS.join(', ')}.`,
    param: 'model',
  });
}

/** The model name to use when the caller gives none. */
export function defaultModelName(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.SLOWTHINK_MODEL?.trim() || loadConfig().model || DEFAULT_MODEL;
}

async function createEmbedded(tier: 'mini' | 'full'): Promise<Model> {
  // Loaded lazily (node-llama-cpp and the weights); a literal specifier, so the edge is visible to tsc and depcruise.
  const { createEmbeddedModel } = await import('./embedded.js');
  return createEmbeddedModel({ tier });
}

async function create(name: string, environment: NodeJS.ProcessEnv): Promise<Model> {
  if (name === 'slowthink-mini' || name === 'embedded:slowthink-mini') return createEmbedded('mini');
  if (name === 'slowthink' || name === 'embedded:slowthink') return createEmbedded('full');
  const separator = name.indexOf(':');
  if (separator <= 0 || separator === name.length - 1) throw unknownModel(name, 'expected `provider:model`');
  const provider = name.slice(0, separator);
  const model = name.slice(separator + 1);
  switch (provider) {
    case 'embedded':
      throw unknownModel(name, 'the embedded models are slowthink and slowthink-mini');
    case 'gguf': {
      const { createLlamaCppModel } = await import('./llama-cpp.js');
      return createLlamaCppModel({ path: model, id: name, threads: 1 });
    }
    case 'openai': {
      const apiKey = environment.OPENAI_API_KEY;
      const baseURL = environment.OPENAI_BASE_URL;
      if (!apiKey && !baseURL) {
        throw new SlowthinkError(ERROR_CODES.CONFIG, 'OPENAI_API_KEY is not set', {
          hint: 'Export OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint), or pick another model.',
          param: 'model',
        });
      }
      return createOpenAICompatibleModel({ model, provider, apiKey, baseURL });
    }
    case 'openai-compatible': {
      const baseURL = environment.SLOWTHINK_OPENAI_BASE_URL;
      if (!baseURL) {
        throw new SlowthinkError(ERROR_CODES.CONFIG, 'SLOWTHINK_OPENAI_BASE_URL is not set', {
          hint: 'Export SLOWTHINK_OPENAI_BASE_URL=http://host:port/v1 (and SLOWTHINK_OPENAI_API_KEY if the server needs one).',
          param: 'model',
        });
      }
      const continued = continuationFromEnvironment(provider, environment);
      return createOpenAICompatibleModel({ model, provider, baseURL, apiKey: environment.SLOWTHINK_OPENAI_API_KEY, ...continued });
    }
    case 'ollama':
      return createOpenAICompatibleModel({
        model,
        provider,
        baseURL: environment.SLOWTHINK_OLLAMA_BASE_URL ?? 'http://127.0.0.1:11434/v1',
        ...continuationFromEnvironment(provider, environment),
      });
    case 'vllm':
      return createOpenAICompatibleModel({
        model,
        provider,
        baseURL: environment.SLOWTHINK_VLLM_BASE_URL ?? 'http://127.0.0.1:8000/v1',
        ...continuationFromEnvironment(provider, environment),
      });
    default:
      throw unknownModel(name, `no provider "${provider}"`);
  }
}

/**
 * The model of that name (default: {@link defaultModelName}); one instance per name.
 * @example const model = await resolveModel('openai:gpt-4o-mini');
 */
export async function resolveModel(name?: string, environment: NodeJS.ProcessEnv = process.env): Promise<Model> {
  if (!configApplied) {
    configApplied = true;
    const prices = loadConfig().prices;
    if (prices) setPriceOverrides(prices);
  }
  const key = (name ?? defaultModelName(environment)).trim();
  if (key === '') throw unknownModel(name ?? '', 'empty name');
  let pending = cache.get(key);
  if (pending) {
    // Most recently used last, so eviction drops the least recently used remote model.
    cache.delete(key);
    cache.set(key, pending);
    return pending;
  }
  pending = create(key, environment);
  cache.set(key, pending);
  pending.catch(() => {
    if (cache.get(key) === pending) cache.delete(key);
  });
  evictOldRemoteModels();
  return pending;
}

/** Closes and forgets every cached model (tests, shutdown). */
export async function closeModels(): Promise<void> {
  const models = await Promise.allSettled([...cache.values()]);
  cache.clear();
  await Promise.all(models.map((entry) => (entry.status === 'fulfilled' ? entry.value.close?.() : undefined)));
}
