import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTorch, llamaGreedyTokens, pytorchGreedyTokens } from '../../testing/torch-parity.js';
import { exportSafetensorsToGguf } from './export-gguf.js';
import { importGgufToSafetensors } from './import-gguf.js';

const shipped = 'models/slowthink-mini.gguf';

describe('GGUF read back into trainer safetensors (train rl --from)', () => {
  it('round-trips the shipped mini byte for byte: read back, re-exported, identical file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'slowthink-import-'));
    const weights = join(directory, 'mini.safetensors');
    expect(importGgufToSafetensors(shipped, weights)).toBe(3 + 4 * 9);
    exportSafetensorsToGguf(weights, join(directory, 'again.gguf'), 'F16');
    expect(readFileSync(join(directory, 'again.gguf')).equals(readFileSync(shipped))).toBe(true);
  });

  // Logit parity in effect: PyTorch on the read-back weights and llama.cpp on the GGUF pick the same greedy tokens.
  it.skipIf(!hasTorch)('PyTorch on the read-back weights decodes like llama.cpp on the shipped GGUF', { timeout: 60_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'slowthink-import-'));
    const weights = join(directory, 'mini.safetensors');
    importGgufToSafetensors(shipped, weights);
    const prompts = ['What is 48+77?\n', 'Use 3, 5, 7 to make 22.\n'];
    const reference = pytorchGreedyTokens(weights, prompts, 40, directory);
    const ours = await llamaGreedyTokens(shipped, prompts, 40);
    expect(ours).toEqual(reference);
  });
});
