/** @module Maps a trained llama (Meta-style weight names, interleaved RoPE) plus our vocabulary onto GGUF metadata and tensors. */
import { type GgufMetadataValue, type GgufTensor, writeGguf } from './gguf-writer.js';
import { BOS_ID, buildVocabulary, EOS_ID, PAD_ID, UNKNOWN_ID } from './vocab.js';

/** Architecture hyper-parameters of our llama models. */
export interface LlamaConfig {
  name: string;
  dimension: number;
  layers: number;
  heads: number;
  /** SwiGLU hidden size. */
  feedForward: number;
  contextLength: number;
  vocabularySize: number;
  normEpsilon?: number;
  ropeTheta?: number;
}

/** A weight in PyTorch shape order. */
export interface NamedWeight {
  shape: number[];
  data: Float32Array;
}

/** PyTorch (Meta llama) names → GGUF names, per block. */
const BLOCK_NAMES: Record<string, string> = {
  'attention_norm.weight': 'attn_norm.weight',
  'attention.wq.weight': 'attn_q.weight',
  'attention.wk.weight': 'attn_k.weight',
  'attention.wv.weight': 'attn_v.weight',
  'attention.wo.weight': 'attn_output.weight',
  'ffn_norm.weight': 'ffn_norm.weight',
  'feed_forward.w1.weight': 'ffn_gate.weight',
  'feed_forward.w3.weight': 'ffn_up.weight',
  'feed_forward.w2.weight': 'ffn_down.weight',
};

/** The GGUF tensor name of a PyTorch parameter name. */
export function ggufTensorName(torchName: string): string {
  if (torchName === 'tok_embeddings.weight') return 'token_embd.weight';
  if (torchName === 'norm.weight') return 'output_norm.weight';
  if (torchName === 'output.weight') return 'output.weight';
  const match = /^layers\.(\d+)\.(.+)$/.exec(torchName);
  const suffix = match ? BLOCK_NAMES[match[2]!] : undefined;
  if (!match || !suffix) throw new Error(`unknown weight name ${torchName}`);
  return `blk.${match[1]}.${suffix}`;
}

/** GGUF metadata for a llama model with our SPM character vocabulary. */
export function llamaMetadata(config: LlamaConfig, fileType: 'F32' | 'F16'): Record<string, GgufMetadataValue> {
  const { tokens, types } = buildVocabulary();
  if (config.vocabularySize !== tokens.length) throw new Error(`model vocabulary ${config.vocabularySize} != ours ${tokens.length}`);
  const u32 = (value: number): GgufMetadataValue => ({ type: 'uint32', value });
  return {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: config.name },
    'general.file_type': u32(fileType === 'F32' ? 0 : 1),
    'llama.vocab_size': u32(tokens.length),
    'llama.context_length': u32(config.contextLength),
    'llama.embedding_length': u32(config.dimension),
    'llama.block_count': u32(config.layers),
    'llama.feed_forward_length': u32(config.feedForward),
    'llama.attention.head_count': u32(config.heads),
    'llama.attention.head_count_kv': u32(config.heads),
    'llama.rope.dimension_count': u32(config.dimension / config.heads),
    'llama.rope.freq_base': { type: 'float32', value: config.ropeTheta ?? 10000 },
    'llama.attention.layer_norm_rms_epsilon': { type: 'float32', value: config.normEpsilon ?? 1e-5 },
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: tokens },
    'tokenizer.ggml.scores': { type: 'array', itemType: 'float32', value: tokens.map(() => 0) },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'int32', value: types },
    'tokenizer.ggml.unknown_token_id': u32(UNKNOWN_ID),
    'tokenizer.ggml.bos_token_id': u32(BOS_ID),
    'tokenizer.ggml.eos_token_id': u32(EOS_ID),
    'tokenizer.ggml.padding_token_id': u32(PAD_ID),
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
    'tokenizer.ggml.add_space_prefix': { type: 'bool', value: false },
  };
}

/** Writes a llama GGUF: matrices in `fileType`, norm weights always F32. */
export function writeLlamaGguf(
  path: string,
  config: LlamaConfig,
  weights: Map<string, NamedWeight>,
  fileType: 'F32' | 'F16' = 'F16',
): void {
  const tensors: GgufTensor[] = [];
  const ordered = ['tok_embeddings.weight'];
  for (let layer = 0; layer < config.layers; layer++) for (const key of Object.keys(BLOCK_NAMES)) ordered.push(`layers.${layer}.${key}`);
  ordered.push('norm.weight', 'output.weight');
  for (const torchName of ordered) {
    const weight = weights.get(torchName);
    if (!weight) throw new Error(`missing weight ${torchName}`);
    tensors.push({
      name: ggufTensorName(torchName),
      shape: weight.shape,
      type: weight.shape.length === 1 ? 'F32' : fileType,
      data: weight.data,
    });
  }
  writeGguf(path, llamaMetadata(config, fileType), tensors);
}
