/** @module The user's config file (`./slowthink.config.json`, else `~/.config/slowthink/config.json`): default model and prices. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

const priceSchema = z.object({
  inputPerMTok: z.number().min(0),
  outputPerMTok: z.number().min(0),
  cachedInputPerMTok: z.number().min(0).optional(),
});

const configSchema = z
  .object({
    /** Default model name, e.g. `openai:gpt-4o-mini`. */
    model: z.string().min(1).optional(),
    /** Price overrides by model name. */
    prices: z.record(z.string(), priceSchema).optional(),
  })
  .passthrough();

/** The parsed config file. */
export type SlowthinkConfig = z.infer<typeof configSchema>;

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
