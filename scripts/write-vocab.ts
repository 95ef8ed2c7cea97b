/** @module Writes `training/vocab.json` from the TypeScript vocabulary: `npx tsx scripts/write-vocab.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vocabularyJson } from '../src/models/gguf/vocab.js';

const target = fileURLToPath(new URL('../training/vocab.json', import.meta.url));
writeFileSync(target, vocabularyJson());
console.log(`wrote ${target}`);
