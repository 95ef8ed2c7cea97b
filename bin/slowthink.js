#!/usr/bin/env node
// Runs the TypeScript CLI with no build step: from the compiled copy of src/ (bin/compile-cache.js, plain Node, fast
// start) when it can be kept fresh here, else from source through tsx. SLOWTHINK_NO_CACHE=1 forces tsx.
// The installed package has no src/: it runs dist/, compiled when the package was packed (docs/decisions/0006).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compiledEntry } from './compile-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
const compiled = !fromSource || process.env.SLOWTHINK_NO_CACHE ? undefined : await compiledEntry({ root }).catch(() => undefined);
if (!fromSource) {
  await import('../dist/cli/main.js');
} else if (compiled) {
  // Stack traces name the .ts lines when debugging (the compiled files carry inline source maps).
  if (process.env.SLOWTHINK_DEBUG) process.setSourceMapsEnabled(true);
  await import(compiled.entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
