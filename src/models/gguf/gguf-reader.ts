/** @module A small GGUF v3 reader: metadata and tensor directory (for tests and inspection). */
import { readFileSync } from 'node:fs';
import { GGUF_ALIGNMENT } from './gguf-writer.js';

/** A tensor's directory entry; `shape` is in PyTorch order. */
export interface GgufTensorInfo {
  name: string;
  shape: number[];
  type: number;
  /** Absolute byte offset of the data in the file. */
  offset: number;
}

/** Parsed GGUF: version, metadata values, tensors and the raw bytes. */
export interface GgufFile {
  version: number;
  metadata: Record<string, unknown>;
  tensors: GgufTensorInfo[];
  bytes: Buffer;
}

/** Parses a GGUF file from bytes. */
export function decodeGguf(bytes: Buffer): GgufFile {
  let position = 0;
  const uint32 = () => {
    const value = bytes.readUInt32LE(position);
    position += 4;
    return value;
  };
  const uint64 = () => {
    const value = Number(bytes.readBigUInt64LE(position));
    position += 8;
    return value;
  };
  const string = () => {
    const length = uint64();
    const value = bytes.toString('utf8', position, position + length);
    position += length;
    return value;
  };
  const scalar = (type: number): unknown => {
    const readers: Record<number, () => unknown> = {
      0: () => bytes.readUInt8(position++),
      1: () => bytes.readInt8(position++),
      4: uint32,
      5: () => {
        const value = bytes.readInt32LE(position);
        position += 4;
        return value;
      },
      6: () => {
        const value = bytes.readFloatLE(position);
        position += 4;
        return value;
      },
      7: () => bytes.readUInt8(position++) !== 0,
      8: string,
      10: uint64,
    };
    const reader = readers[type];
    if (!reader) throw new Error(`GGUF value type ${type} not supported by this reader`);
    return reader();
  };
  if (bytes.toString('ascii', 0, 4) !== 'GGUF') throw new Error('not a GGUF file');
  position = 4;
  const version = uint32();
  const tensorCount = uint64();
  const metadataCount = uint64();
  const metadata: Record<string, unknown> = {};
  for (let index = 0; index < metadataCount; index++) {
    const key = string();
    const type = uint32();
    if (type === 9) {
      const itemType = uint32();
      const count = uint64();
      metadata[key] = Array.from({ length: count }, () => scalar(itemType));
    } else metadata[key] = scalar(type);
  }
  const tensors: GgufTensorInfo[] = [];
  for (let index = 0; index < tensorCount; index++) {
    const name = string();
    const dimensions = uint32();
    const shape = Array.from({ length: dimensions }, uint64).reverse();
    const type = uint32();
    tensors.push({ name, shape, type, offset: uint64() });
  }
  const dataStart = Math.ceil(position / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  for (const tensor of tensors) tensor.offset += dataStart;
  return { version, metadata, tensors, bytes };
}

/** Reads and parses a GGUF file. */
export function readGguf(path: string): GgufFile {
  return decodeGguf(readFileSync(path));
}
