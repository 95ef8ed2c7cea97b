/** @module Which model ids the server lists and accepts; the engine's registry decides for `provider:model` names. */
import { SlowthinkError } from '../errors/index.js';
import { modelNotFound } from './api-error.js';
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

/** A catalog listing `ids` whose check asks `resolve` (e.g. the model registry), or accepts only the listed ids. */
export function createModelCatalog(options: { ids?: readonly string[]; resolve?: (name: string) => unknown } = {}): ModelCatalog {
  const ids = [...(options.ids ?? SHIPPED_MODELS)];
  return {
    list: () => ids,
    check: async (name) => {
      if (ids.includes(name)) return;
      if (!options.resolve) throw modelNotFound(name);
      try {
        await options.resolve(name);
      } catch (error) {
        if (SlowthinkError.isInstance(error)) throw error;
        throw modelNotFound(name);
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
