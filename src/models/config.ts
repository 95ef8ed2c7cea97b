/** @module The user's config file (`./slowthink.config.json`, else `~/.config/slowthink/config.json`): default model and prices. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

function buildConfigSchema(zod: typeof z) {
  const priceSchema = zod.object({
    inputPerMTok: zod.number().min(0),
    outputPerMTok: zod.number().min(0),
    cachedInputPerMTok: zod.number().min(0).optional(),
  });
  return zod
    .object({
      /** Default model name, e.g. `openai:gpt-4o-mini`. */
      model: zod.string().min(1).optional(),
      /** Price overrides by model name. */
      prices: zod.record(zod.string(), priceSchema).optional(),
    })
    .passthrough();
}

// zod is loaded when a config file exists: ~70 ms of every CLI start-up otherwise (issue #12).
let configSchema: ReturnType<typeof buildConfigSchema> | undefined;

/** The parsed config file. */
export type SlowthinkConfig = z.infer<ReturnType<typeof buildConfigSchema>>;

/** Paths searched for the config file, first found wins. */
export function configPaths(cwd = process.cwd()): string[] {
  return [resolve(cwd, 'slowthink.config.json'), join(homedir(), '.config', 'slowthink', 'config.json')];
}

/** Reads the first config file that exists; `{}` when none. Throws CONFIG for unreadable or invalid files. */
export function loadConfig(paths = configPaths()): SlowthinkConfig {
  const path = paths.find((candidate) => existsSync(candidate));
  if (!path) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SlowthinkError(
      ERROR_CODES.CONFIG,
      `Cannot read config file ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'Fix the JSON in that file or delete it.',
        cause: error,
      },
    );
  }
  configSchema ??= buildConfigSchema((createRequire(import.meta.url)('zod') as typeof import('zod')).z);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SlowthinkError(
      ERROR_CODES.CONFIG,
      `Invalid config file ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      {
        hint: 'Expected { "model": "provider:model", "prices": { "name": { "inputPerMTok": 1, "outputPerMTok": 2 } } }.',
      },
    );
  }
  return parsed.data;
}
