/** @module Which model ids the server lists and accepts; the engine's registry decides for `provider:model` names. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { ApiError, modelNotFound } from './api-error.js';
import { parseModelId } from './parse-model-id.js';

/** The models the server lists, and a check that a requested model can be served. */
export interface ModelCatalog {
  /** Base model ids for GET /v1/models (effort suffixes are accepted but not listed). */
  list(): string[];
  /** Resolves when the engine can serve `name`; rejects (UNKNOWN_MODEL → 404) when not. */
  check(name: string): void | Promise<void>;
}

/** The shipped models, in the order GET /v1/models lists them. */
export const SHIPPED_MODELS = ['slowthink', 'slowthink-mini'] as const;

/**
 * A catalog listing `ids`; `gguf:` paths are refused unless `allowLocalFiles`. With `resolve` (the model registry) every requested name is resolved before anything is
 * sent, so a missing model is a 404 and missing weights a 503, and the model is loaded once, up front; without it,
 * only the listed ids are accepted.
 */
export function createModelCatalog(
  options: { ids?: readonly string[]; resolve?: (name: string) => unknown; allowLocalFiles?: boolean } = {},
): ModelCatalog {
  const ids = [...(options.ids ?? SHIPPED_MODELS)];
  return {
    list: () => ids,
    check: async (name) => {
      // `gguf:/path` would let any client make the server open any file on its disk.
      if (name.startsWith('gguf:') && !options.allowLocalFiles) {
        throw new ApiError(404, `The model \`${name}\` is not served here: local GGUF files need \`slowthink serve --allow-gguf\`.`, {
          param: 'model',
          code: 'model_not_found',
        });
      }
      if (!options.resolve) {
        if (ids.includes(name)) return;
        throw modelNotFound(name);
      }
      try {
        await options.resolve(name);
      } catch (error) {
        // A provider this server has no credentials or URL for is, to the client, a model not served here.
        if (SlowthinkError.isInstance(error) && error.code === ERROR_CODES.CONFIG) {
          throw new ApiError(404, `The model \`${name}\` is not served here: ${error.message}.`, {
            param: 'model',
            code: 'model_not_found',
          });
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
