import { describe, expect, it } from 'vitest';
import { decodeGguf } from './gguf-reader.js';
import { encodeGguf, float32ToFloat16 } from './gguf-writer.js';
import { llamaMetadata } from './llama-gguf.js';
import { VOCAB_SIZE } from './vocab.js';

function float16ToFloat32(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  const sign = half & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
  if (exponent === 31) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
}

describe('GGUF writer', () => {
  it('round-trips metadata and tensors through the reader', () => {
    const matrix = new Float32Array([1, -2, 3.5, 0.25, 1e-3, -65504]);
    const bytes = encodeGguf(
      {
        'general.name': { type: 'string', value: 'round▁trip' },
        'some.count': { type: 'uint32', value: 7 },
        'some.flag': { type: 'bool', value: true },
        'some.list': { type: 'array', itemType: 'int32', value: [3, -1, 6] },
      },
      [
        { name: 'a.weight', shape: [2, 3], type: 'F16', data: matrix },
        { name: 'b.weight', shape: [5], type: 'F32', data: new Float32Array([1, 2, 3, 4, 5]) },
      ],
    );
    const file = decodeGguf(bytes);
    expect(file.version).toBe(3);
    expect(file.metadata).toEqual({ 'general.name': 'round▁trip', 'some.count': 7, 'some.flag': true, 'some.list': [3, -1, 6] });
    expect(file.tensors.map((tensor) => [tensor.name, tensor.shape, tensor.type])).toEqual([
      ['a.weight', [2, 3], 1],
      ['b.weight', [5], 0],
    ]);
    for (const tensor of file.tensors) expect(tensor.offset % 32).toBe(0);
    const a = file.tensors[0]!;
    const halves = Array.from({ length: 6 }, (_, index) => float16ToFloat32(bytes.readUInt16LE(a.offset + index * 2)));
    expect(halves[2]).toBe(3.5);
    expect(halves[4]).toBeCloseTo(1e-3, 5);
    expect(halves[5]).toBe(-65504);
    const b = file.tensors[1]!;
    expect(bytes.readFloatLE(b.offset + 16)).toBe(5);
  });

  it('rounds float16 to nearest even, with subnormals and overflow', () => {
    expect(float32ToFloat16(1)).toBe(0x3c00);
    expect(float32ToFloat16(-2)).toBe(0xc000);
    expect(float32ToFloat16(1e6)).toBe(0x7c00);
    expect(float32ToFloat16(2 ** -24)).toBe(1);
    expect(float16ToFloat32(float32ToFloat16(0.1))).toBeCloseTo(0.1, 3);
  });

  it('writes the llama keys llama.cpp needs, with our vocabulary', () => {
    const metadata = llamaMetadata(
      { name: 'x', dimension: 64, layers: 2, heads: 4, feedForward: 192, contextLength: 512, vocabularySize: VOCAB_SIZE },
      'F16',
    );
    expect(metadata['llama.rope.dimension_count']).toEqual({ type: 'uint32', value: 16 });
    expect(metadata['tokenizer.ggml.add_space_prefix']).toEqual({ type: 'bool', value: false });
    const tokens = metadata['tokenizer.ggml.tokens'];
    expect(tokens?.type === 'array' && tokens.value.length).toBe(VOCAB_SIZE);
  });
});
