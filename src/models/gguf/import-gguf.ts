/** @module Reads one of our llama GGUFs back into trainer safetensors (F32 + config metadata), the start of `train rl --from`: `npx tsx src/models/gguf/import-gguf.ts IN.gguf OUT.safetensors`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGguf } from './gguf-reader.js';
import { ggufTensorName } from './llama-gguf.js';

/** IEEE half → float (GGUF F16 tensors). */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Converts a GGUF written by export-gguf.ts to safetensors with the metadata training/model.py's ModelConfig reads; returns the tensor count. */
export function importGgufToSafetensors(input: string, output: string): number {
  const gguf = readGguf(input);
  const meta = (key: string) => gguf.metadata[key];
  const layers = Number(meta('llama.block_count'));
  const torchNames = ['tok_embeddings.weight', 'norm.weight', 'output.weight'];
  const blockKeys = [
    'attention_norm',
    'attention.wq',
    'attention.wk',
    'attention.wv',
    'attention.wo',
    'ffn_norm',
    'feed_forward.w1',
    'feed_forward.w2',
    'feed_forward.w3',
  ];
  for (let layer = 0; layer < layers; layer++) for (const key of blockKeys) torchNames.push(`layers.${layer}.${key}.weight`);
  const byGguf = new Map(gguf.tensors.map((tensor) => [tensor.name, tensor]));
  const header: Record<string, unknown> = {};
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const name of torchNames) {
    const tensor = byGguf.get(ggufTensorName(name));
    if (!tensor) throw new Error(`${input}: tensor ${ggufTensorName(name)} missing`);
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    if (tensor.type === 0) for (let i = 0; i < count; i++) values[i] = gguf.bytes.readFloatLE(tensor.offset + 4 * i);
    else if (tensor.type === 1) for (let i = 0; i < count; i++) values[i] = halfToFloat(gguf.bytes.readUInt16LE(tensor.offset + 2 * i));
    else throw new Error(`${input}: tensor ${tensor.name} has GGUF type ${tensor.type}; only F32 and F16 are read back`);
    const blob = Buffer.from(values.buffer);
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + blob.length] };
    offset += blob.length;
    blobs.push(blob);
  }
  const dimension = Number(meta('llama.embedding_length'));
  header['__metadata__'] = Object.fromEntries(
    Object.entries({
      vocab_size: meta('llama.vocab_size'),
      dim: dimension,
      n_layers: layers,
      n_heads: meta('llama.attention.head_count'),
      ffn_hidden: meta('llama.feed_forward_length'),
      context_length: meta('llama.context_length'),
      norm_eps: meta('llama.attention.layer_norm_rms_epsilon'),
      rope_theta: meta('llama.rope.freq_base'),
      name: meta('general.name'),
    }).map(([key, value]) => [key, String(value)]),
  );
  let encoded = Buffer.from(JSON.stringify(header), 'utf8');
  encoded = Buffer.concat([encoded, Buffer.alloc((8 - (encoded.length % 8)) % 8, 0x20)]);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(encoded.length));
  writeFileSync(output, Buffer.concat([size, encoded, ...blobs]));
  return torchNames.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: npx tsx src/models/gguf/import-gguf.ts IN.gguf OUT.safetensors');
    process.exit(2);
  }
  console.log(`read ${importGgufToSafetensors(input, output)} tensors from ${input} into ${output}`);
}
