/** @module Converts a trainer checkpoint (safetensors + config metadata) to a llama GGUF: `npx tsx src/models/gguf/export-gguf.ts IN.safetensors OUT.gguf [F16|F32]`. */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type LlamaConfig, writeLlamaGguf } from './llama-gguf.js';
import { readSafetensors } from './safetensors.js';

/** Reads a checkpoint written by training/train.py and writes the GGUF; returns the config. */
export function exportSafetensorsToGguf(input: string, output: string, fileType: 'F16' | 'F32' = 'F16'): LlamaConfig {
  const { weights, metadata } = readSafetensors(input);
  const number = (key: string) => {
    const value = Number(metadata[key]);
    if (!Number.isFinite(value)) throw new Error(`${input}: metadata ${key} missing (was it written by training/train.py?)`);
    return value;
  };
  const config: LlamaConfig = {
    name: metadata['name'] ?? 'slowthink',
    dimension: number('dim'),
    layers: number('n_layers'),
    heads: number('n_heads'),
    feedForward: number('ffn_hidden'),
    contextLength: number('context_length'),
    vocabularySize: number('vocab_size'),
    normEpsilon: number('norm_eps'),
    ropeTheta: number('rope_theta'),
  };
  writeLlamaGguf(output, config, weights, fileType);
  return config;
}

// Kept only until the RL run started 16:18 UTC on 2026-12-03 has exported (its common.py holds this path); the command is scripts/export-gguf.ts (issue #17).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, fileType = 'F16'] = process.argv.slice(2);
  if (!input || !output || (fileType !== 'F16' && fileType !== 'F32')) {
    console.error('usage: npx tsx src/models/gguf/export-gguf.ts IN.safetensors OUT.gguf [F16|F32]');
    process.exit(2);
  }
  const config = exportSafetensorsToGguf(input, output, fileType);
  console.log(`exported ${output} (${(statSync(output).size / 1e6).toFixed(2)} MB, d=${config.dimension} L=${config.layers}, ${fileType})`);
}
