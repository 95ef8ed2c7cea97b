/** @module Converts a trainer checkpoint (safetensors + config metadata) to a llama GGUF (the command: `npx tsx scripts/export-gguf.ts IN.safetensors OUT.gguf [F16|F32]`). */
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
