/** @module Which model ids the server lists and accepts: the shipped models and what the operator configured, nothing else. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { ApiError, modelNotFound } from './api-error.js';
import { bounded } from './bounded-text.js';
import { parseModelId } from './parse-model-id.js';

/** The models the server lists, and a check that a requested model can be served. */
export interface ModelCatalog {
  /** Base model ids for GET /v1/models (effort suffixes are accepted but not listed). */
  list(): string[];
  /** Resolves when the engine can serve `name`; rejects (404 `model_not_found`) when this server does not serve it. */
  check(name: string): void | Promise<void>;
}

/** The shipped models, in the order GET /v1/models lists them. */
export const SHIPPED_MODELS = ['slowthink', 'slowthink-mini'] as const;

const SHIPPED_ALIASES = new Set<string>([...SHIPPED_MODELS, 'embedded:slowthink', 'embedded:slowthink-mini']);

/** A provider counts as configured when the operator set where it lives (or its key): then any of its models may be asked for. */
const PROVIDER_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  openai: ['OPENAI_API_KEY', 'OPENAI_BASE_URL'],
  'openai-compatible': ['SLOWTHINK_OPENAI_BASE_URL'],
  ollama: ['SLOWTHINK_OLLAMA_BASE_URL'],
  vllm: ['SLOWTHINK_VLLM_BASE_URL'],
};

/** Longest model name worth looking up; longer is nobody's model. */
const MAX_MODEL_NAME = 256;

/** Options of {@link createModelCatalog}. */
export interface ModelCatalogOptions {
  /** Listed ids; default the shipped models. Listed ids are always accepted. */
  ids?: readonly string[];
  /** The model registry: every accepted name is resolved before anything is sent (a missing model is a 404, missing weights a 503). */
  resolve?: (name: string) => unknown;
  /** Let clients name `gguf:/path` models (files on the server's disk). Default false. */
  allowLocalFiles?: boolean;
  /** Operator-allowed names (`serve --models`): exact ids, or `provider:*` for any model of a provider. Exact ids are listed. */
  allowed?: readonly string[];
  /** Where provider settings are read (`process.env` when serving); default none, so only shipped and allowed ids pass. */
  environment?: Readonly<Record<string, string | undefined>>;
}

function notServed(name: string, why: string): ApiError {
  return new ApiError(404, `The model \`${bounded(name)}\` is not served here: ${why}.`, { param: 'model', code: 'model_not_found' });
}

/**
 * A catalog that accepts the shipped models, the listed and operator-allowed ids, and models of providers the operator
 * configured; every other name is a 404 before anything is dialled (a client must not make the server reach a
 * provider nobody set up, such as a default `ollama` address).
 */
export function createModelCatalog(options: ModelCatalogOptions = {}): ModelCatalog {
  const allowed = options.allowed ?? [];
  const ids = [...(options.ids ?? SHIPPED_MODELS), ...allowed.filter((id) => !id.endsWith(':*'))];
  const providers = new Set(allowed.filter((id) => id.endsWith(':*')).map((id) => id.slice(0, -2)));
  const environment = options.environment ?? {};
  for (const [provider, settings] of Object.entries(PROVIDER_SETTINGS)) {
    if (settings.some((setting) => (environment[setting] ?? '').trim() !== '')) providers.add(provider);
  }
  if (options.allowLocalFiles) providers.add('gguf');
  const selectable = (name: string) => {
    if (SHIPPED_ALIASES.has(name) || ids.includes(name)) return true;
    const separator = name.indexOf(':');
    return separator > 0 && separator < name.length - 1 && providers.has(name.slice(0, separator));
  };
  return {
    list: () => [...new Set(ids)],
    check: async (name) => {
      if (name.length > MAX_MODEL_NAME) throw modelNotFound(name);
      // `gguf:/path` would let any client make the server open any file on its disk.
      if (name.startsWith('gguf:') && !options.allowLocalFiles)
        throw notServed(name, 'local GGUF files need `slowthink serve --allow-gguf`');
      if (!selectable(name)) throw modelNotFound(name);
      if (!options.resolve) return;
      try {
        await options.resolve(name);
      } catch (error) {
        // A provider this server has no credentials or URL for is, to the client, a model not served here.
        if (SlowthinkError.isInstance(error) && (error.code === ERROR_CODES.CONFIG || error.code === ERROR_CODES.UNKNOWN_MODEL)) {
          throw modelNotFound(name);
        }
        throw error;
      }
    },
  };
}

/** The `Model` object of OpenAI's /v1/models. */
export function toModelObject(id: string, created: number) {
  return { id, object: 'model' as const, created, owned_by: id.includes(':') ? id.slice(0, id.indexOf(':')) : 'slowthink' };
}

/** The base id of a requested model id (`slowthink:high` → `slowthink`). */
export function baseModelId(id: string): string {
  return parseModelId(id).model;
}
