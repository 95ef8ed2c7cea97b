/** @module A GGUF v3 writer (little-endian, alignment 32): metadata key/values and F32/F16 tensors. */
import { writeFileSync } from 'node:fs';

/** GGUF metadata value types (ggml docs/gguf.md). */
export const GGUF_VALUE_TYPE = {
  uint8: 0,
  int8: 1,
  uint16: 2,
  int16: 3,
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  array: 9,
  uint64: 10,
  int64: 11,
  float64: 12,
} as const;

/** ggml tensor types we write. */
export const GGML_TYPE = { F32: 0, F16: 1 } as const;

export type GgufScalarType = 'uint32' | 'int32' | 'float32' | 'bool' | 'string' | 'uint64';

/** One metadata entry; arrays hold scalars of one type. */
export type GgufMetadataValue =
  | { type: GgufScalarType; value: number | boolean | string | bigint }
  | { type: 'array'; itemType: GgufScalarType; value: Array<number | boolean | string> };

/** One tensor: `shape` in PyTorch order (outermost first); it is written reversed, as ggml wants. */
export interface GgufTensor {
  name: string;
  shape: number[];
  type: 'F32' | 'F16';
  data: Float32Array;
}

export const GGUF_ALIGNMENT = 32;

/** Collects bytes into growing chunks. */
class ByteSink {
  private readonly chunks: Buffer[] = [];
  length = 0;
  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  uint32(value: number): void {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value);
    this.push(buffer);
  }
  uint64(value: number | bigint): void {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64LE(BigInt(value));
    this.push(buffer);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.uint64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const remainder = this.length % alignment;
    if (remainder !== 0) this.push(Buffer.alloc(alignment - remainder));
  }
  concat(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeScalar(sink: ByteSink, type: GgufScalarType, value: number | boolean | string | bigint): void {
  if (type === 'string') {
    sink.string(String(value));
    return;
  }
  const buffer = Buffer.alloc(type === 'uint64' ? 8 : type === 'bool' ? 1 : 4);
  if (type === 'uint32') buffer.writeUInt32LE(Number(value));
  else if (type === 'int32') buffer.writeInt32LE(Number(value));
  else if (type === 'float32') buffer.writeFloatLE(Number(value));
  else if (type === 'bool') buffer.writeUInt8(value ? 1 : 0);
  else buffer.writeBigUInt64LE(BigInt(value));
  sink.push(buffer);
}

/** IEEE half precision of a float32, round to nearest even. */
export function float32ToFloat16(value: number): number {
  const floatView = new Float32Array([value]);
  const bits = new Uint32Array(floatView.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  let halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    let half = mantissa >>> shift;
    const remainder = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (remainder > halfway || (remainder === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  if (remainder > 0x1000 || (remainder === 0x1000 && half & 1)) half++;
  halfExponent = half >>> 10;
  return sign | half;
}

function tensorBytes(tensor: GgufTensor): Buffer {
  if (tensor.type === 'F32') return Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  const halves = new Uint16Array(tensor.data.length);
  for (let index = 0; index < tensor.data.length; index++) halves[index] = float32ToFloat16(tensor.data[index]!);
  return Buffer.from(halves.buffer);
}

/** Serialises a GGUF v3 file to bytes. */
export function encodeGguf(metadata: Record<string, GgufMetadataValue>, tensors: GgufTensor[]): Buffer {
  const sink = new ByteSink();
  sink.push(Buffer.from('GGUF', 'ascii'));
  sink.uint32(3);
  sink.uint64(tensors.length);
  sink.uint64(Object.keys(metadata).length);
  for (const [key, entry] of Object.entries(metadata)) {
    sink.string(key);
    if (entry.type === 'array') {
      sink.uint32(GGUF_VALUE_TYPE.array);
      sink.uint32(GGUF_VALUE_TYPE[entry.itemType]);
      sink.uint64(entry.value.length);
      for (const item of entry.value) writeScalar(sink, entry.itemType, item);
    } else {
      sink.uint32(GGUF_VALUE_TYPE[entry.type]);
      writeScalar(sink, entry.type, entry.value);
    }
  }
  const payloads = tensors.map(tensorBytes);
  let offset = 0;
  tensors.forEach((tensor, index) => {
    const elements = tensor.shape.reduce((product, size) => product * size, 1);
    if (elements !== tensor.data.length)
      throw new Error(`tensor ${tensor.name}: shape ${tensor.shape} needs ${elements} values, got ${tensor.data.length}`);
    sink.string(tensor.name);
    sink.uint32(tensor.shape.length);
    for (const size of [...tensor.shape].reverse()) sink.uint64(size);
    sink.uint32(GGML_TYPE[tensor.type]);
    sink.uint64(offset);
    offset += Math.ceil(payloads[index]!.length / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  });
  sink.padTo(GGUF_ALIGNMENT);
  for (const payload of payloads) {
    sink.push(payload);
    sink.padTo(GGUF_ALIGNMENT);
  }
  return sink.concat();
}

/** Writes a GGUF v3 file. */
export function writeGguf(path: string, metadata: Record<string, GgufMetadataValue>, tensors: GgufTensor[]): void {
  writeFileSync(path, encodeGguf(metadata, tensors));
}
