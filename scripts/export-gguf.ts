/** @module Converts a trainer checkpoint to a llama GGUF: `npx tsx scripts/export-gguf.ts IN.safetensors OUT.gguf [F16|F32]` (training/common.py runs it). */
import { statSync } from 'node:fs';
import { exportSafetensorsToGguf } from '../src/models/gguf/export-gguf.js';

const [input, output, fileType = 'F16'] = process.argv.slice(2);
if (!input || !output || (fileType !== 'F16' && fileType !== 'F32')) {
  console.error('usage: npx tsx scripts/export-gguf.ts IN.safetensors OUT.gguf [F16|F32]');
  process.exit(2);
}
const config = exportSafetensorsToGguf(input, output, fileType);
console.log(`exported ${output} (${(statSync(output).size / 1e6).toFixed(2)} MB, d=${config.dimension} L=${config.layers}, ${fileType})`);
