/** @module Writes a tiny random-weight llama GGUF with our vocabulary, for tests that need a real model file. */
import { type LlamaConfig, type NamedWeight, writeLlamaGguf } from '../models/gguf/llama-gguf.js';
import { VOCAB_SIZE } from '../models/gguf/vocab.js';
import { mulberry32 as seededRandom } from '../random/mulberry32.js';

/** Options of a random model; defaults make a 2-layer d=64 model of about 0.3 MB. */
export interface RandomLlamaGgufOptions {
  dimension?: number;
  layers?: number;
  heads?: number;
  contextLength?: number;
  seed?: number;
  fileType?: 'F32' | 'F16';
  /** Scale of the random weights; larger values make sharper, more varied distributions. */
  scale?: number;
}

/** Writes a random llama GGUF (our character vocabulary with byte tokens) to `path` and returns its config. */
export function writeRandomLlamaGguf(path: string, options: RandomLlamaGgufOptions = {}): LlamaConfig {
  const dimension = options.dimension ?? 64;
  const config: LlamaConfig = {
    name: 'random-test-llama',
    dimension,
    layers: options.layers ?? 2,
    heads: options.heads ?? 4,
    feedForward: dimension * 3,
    contextLength: options.contextLength ?? 512,
    vocabularySize: VOCAB_SIZE,
  };
  const random = seededRandom(options.seed ?? 1);
  const scale = options.scale ?? 1;
  const matrix = (rows: number, columns: number): NamedWeight => {
    const data = new Float32Array(rows * columns);
    const spread = (scale * Math.sqrt(3)) / Math.sqrt(columns);
    for (let index = 0; index < data.length; index++) data[index] = (random() * 2 - 1) * spread;
    return { shape: [rows, columns], data };
  };
  const ones = (size: number): NamedWeight => ({ shape: [size], data: new Float32Array(size).fill(1) });
  const weights = new Map<string, NamedWeight>();
  const embedding = matrix(VOCAB_SIZE, dimension);
  for (let index = 0; index < embedding.data.length; index++) embedding.data[index]! *= Math.sqrt(dimension);
  weights.set('tok_embeddings.weight', embedding);
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `layers.${layer}.`;
    weights.set(`${prefix}attention_norm.weight`, ones(dimension));
    for (const name of ['wq', 'wk', 'wv', 'wo']) weights.set(`${prefix}attention.${name}.weight`, matrix(dimension, dimension));
    weights.set(`${prefix}ffn_norm.weight`, ones(dimension));
    weights.set(`${prefix}feed_forward.w1.weight`, matrix(config.feedForward, dimension));
    weights.set(`${prefix}feed_forward.w3.weight`, matrix(config.feedForward, dimension));
    weights.set(`${prefix}feed_forward.w2.weight`, matrix(dimension, config.feedForward));
  }
  weights.set('norm.weight', ones(dimension));
  const output = matrix(VOCAB_SIZE, dimension);
  for (let index = 0; index < output.data.length; index++) output.data[index]! *= 4;
  weights.set('output.weight', output);
  writeLlamaGguf(path, config, weights, options.fileType ?? 'F16');
  return config;
}
