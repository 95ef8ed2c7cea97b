import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Token } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { exportSafetensorsToGguf } from './export-gguf.js';
import { importGgufToSafetensors } from './import-gguf.js';
import { loadGgufModel, runTokenLoop } from './llama-runtime.js';
import { BOS_ID, decodeTokens, encodeText } from './vocab.js';

const python = '/usr/bin/python3';
const hasTorch =
  existsSync(python) &&
  (() => {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
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
    writeFileSync(join(directory, 'prompts.json'), JSON.stringify(prompts));
    const reference = JSON.parse(
      execFileSync(python, ['training/sample.py', weights, join(directory, 'prompts.json'), '40'], { encoding: 'utf8' }),
    ) as number[][];
    const model = await loadGgufModel(shipped);
    const context = await model.createContext({ contextSize: 512, threads: 1 });
    const sequence = context.getSequence();
    const ours: number[][] = [];
    for (const prompt of prompts) {
      await sequence.clearHistory();
      const result = await runTokenLoop({
        sequence,
        model,
        promptTokens: [BOS_ID, ...encodeText(prompt)] as Token[],
        maxTokens: 40,
        temperature: 0,
        topP: 1,
        seed: 0,
        decode: (tokens) => decodeTokens(tokens),
      });
      ours.push(result.tokens);
    }
    await context.dispose();
    await model.dispose();
    expect(ours).toEqual(reference);
  });
});
