/**
 * @module Where `auto` finds a model's router (ADR 0010): `SLOWTHINK_ROUTER` (a file, or `none` to keep the rule), else
 * the file beside the model's weights: `models/<name>.router.json` for an embedded model, `<file>.router.json` for `gguf:<file>.gguf`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coversTask, type Router, readRouter } from './router-file.js';

/** The router file shipped beside a model's weights, or undefined for a model without local weights. */
export function defaultRouterPath(modelId: string): string | undefined {
  if (modelId.startsWith('embedded:')) {
    return fileURLToPath(new URL(`../../models/${modelId.slice('embedded:'.length)}.router.json`, import.meta.url));
  }
  if (modelId.startsWith('gguf:')) return `${modelId.slice('gguf:'.length).replace(/\.gguf$/i, '')}.router.json`;
  return undefined;
}

/**
 * The router `auto` uses for this model and task, or undefined (then the rule decides): none configured, switched off
 * (`SLOWTHINK_ROUTER=none`), fitted for another model, or without a row for the task. Throws ST_CONFIG for a file
 * SLOWTHINK_ROUTER names that is missing or malformed.
 */
export function routerFor(modelId: string, task: string | undefined, environment: NodeJS.ProcessEnv = process.env): Router | undefined {
  const configured = environment['SLOWTHINK_ROUTER']?.trim();
  if (configured === 'none' || configured === 'off') return undefined;
  const path = configured || defaultRouterPath(modelId);
  if (path === undefined || (!configured && !existsSync(path))) return undefined;
  const router = readRouter(path);
  return router.model === modelId && coversTask(router, task) ? router : undefined;
}
