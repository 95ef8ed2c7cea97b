/** @module Reads float32 safetensors files (the trainer's hand-off format) into named weights and string metadata. */
import { readFileSync } from 'node:fs';
import type { NamedWeight } from './llama-gguf.js';

/** Weights and the `__metadata__` strings of a safetensors file. */
export interface SafetensorsContent {
  weights: Map<string, NamedWeight>;
  metadata: Record<string, string>;
}

/** Parses an F32 safetensors file. */
export function readSafetensors(path: string): SafetensorsContent {
  const bytes = readFileSync(path);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Record<string, unknown>;
  const metadata = (header['__metadata__'] ?? {}) as Record<string, string>;
  const weights = new Map<string, NamedWeight>();
  const base = 8 + headerLength;
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') throw new Error(`${path}: tensor ${name} is ${dtype}; the exporter reads F32 only`);
    const copy = new Float32Array((offsets[1] - offsets[0]) / 4);
    Buffer.from(copy.buffer).set(bytes.subarray(base + offsets[0], base + offsets[1]));
    weights.set(name, { shape, data: copy });
  }
  return { weights, metadata };
}
