/** @module The `models` option: member model names (or Model objects) resolved through the registry, for a society. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { resolveModel } from '../models/registry.js';
import type { Model } from '../spec/index.js';

/** Most member models one request may name (each embedded one holds its weights in memory). */
export const MAX_MEMBERS = 8;

function isModel(value: unknown): value is Model {
  return typeof value === 'object' && value !== null && (value as Partial<Model>).specificationVersion === 'v1';
}

function badMembers(message: string): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, message, {
    hint: 'Pass models as a list of model names, e.g. ["slowthink-mini", "slowthink"], or as "slowthink-mini+slowthink".',
    param: 'options.models',
  });
}

/** The model names a `models` option holds (entries that are not names left out), for a server to check against its catalog. */
export function memberNames(value: unknown): string[] {
  const entries = typeof value === 'string' ? value.split('+') : Array.isArray(value) ? value : [];
  return entries.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.trim());
}

/**
 * The member models `value` names: a list of names or Model objects, or one string of names joined by `+` (bench specs,
 * where commas separate options). Throws INVALID_ARGUMENT for another shape, UNKNOWN_MODEL for an unknown name.
 */
export async function resolveMembers(value: unknown): Promise<Model[]> {
  if (value === undefined) return [];
  const entries = typeof value === 'string' ? value.split('+') : value;
  if (!Array.isArray(entries) || entries.length === 0) throw badMembers('Expected option `models` to be a non-empty list of model names');
  if (entries.length > MAX_MEMBERS) throw badMembers(`Expected at most ${MAX_MEMBERS} models, got ${entries.length}`);
  return Promise.all(
    entries.map((entry: unknown) => {
      if (isModel(entry)) return entry;
      if (typeof entry !== 'string' || entry.trim() === '') throw badMembers('Expected every entry of option `models` to be a model name');
      return resolveModel(entry.trim()).catch((error: unknown) => {
        // The registry names the `model` parameter; here the bad name sits in `options.models`.
        if (SlowthinkError.isInstance(error) && error.code === ERROR_CODES.UNKNOWN_MODEL)
          throw new SlowthinkError(error.code, error.message, {
            ...(error.hint === undefined ? {} : { hint: error.hint }),
            param: 'options.models',
          });
        throw error;
      });
    }),
  );
}
