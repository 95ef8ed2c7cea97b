import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTorch, llamaGreedyTokens, PYTHON as python, pytorchGreedyTokens } from '../../testing/torch-parity.js';
import { exportSafetensorsToGguf } from './export-gguf.js';
import { decodeTokens } from './vocab.js';

// The CI smoke training: a few dozen steps on synthetic data, export, load in node-llama-cpp, identical greedy output.
describe.skipIf(!hasTorch)('PyTorch vs node-llama-cpp parity (smoke training)', () => {
  it('trains, exports F16 GGUF, and both runtimes give the same greedy tokens', { timeout: 240_000 }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'slowthink-parity-'));
    const dataPath = join(directory, 'data.jsonl');
    execFileSync(python, ['training/synthetic_data.py', dataPath, '2000', '7']);
    const trainOutput = execFileSync(
      python,
      [
        'training/train.py',
        `--data=${dataPath}`,
        `--out_dir=${directory}`,
        '--max_steps=120',
        '--warmup_steps=5',
        '--batch_tokens=2048',
        '--threads=1',
        '--eval_every=1000',
        '--eval_size=8',
        '--log_every=10',
        '--dim=64',
        '--n_layers=2',
      ],
      { encoding: 'utf8' },
    );
    expect(trainOutput).toMatch(/done: 120 steps/);
    const ggufPath = join(directory, 'model.gguf');
    exportSafetensorsToGguf(join(directory, 'model.safetensors'), ggufPath, 'F16');

    const prompts = ['What is 12+7?\n<think>\n', 'What is 99+1?\n', 'What is 5+55?\n', 'abc\n', '\t€ odd input\n', 'What is 40+2?\n'];
    const maxNew = 24;
    const reference = pytorchGreedyTokens(join(directory, 'model.safetensors'), prompts, maxNew, directory);
    const ours = await llamaGreedyTokens(ggufPath, prompts, maxNew);
    expect(ours.map((tokens) => decodeTokens(tokens))).toEqual(reference.map((tokens) => decodeTokens(tokens)));
    expect(ours).toEqual(reference);
    // A model that emits nothing would pass trivially; the fixed set must exercise real generation.
    expect(ours.reduce((sum, tokens) => sum + tokens.length, 0)).toBeGreaterThan(prompts.length * 8);

    // `--init` (`train sft --from`) continues from trained weights, whose shape wins over the flags: its first logged
    // loss is that of the end of the first run, far below a fresh start's.
    const firstLoss = (output: string) => Number(/step 10 loss ([\d.]+)/.exec(output)?.[1]);
    const continued = execFileSync(
      python,
      [
        'training/train.py',
        `--data=${dataPath}`,
        `--out_dir=${join(directory, 'continued')}`,
        `--init=${join(directory, 'model.safetensors')}`,
        '--max_steps=10',
        '--warmup_steps=5',
        '--learning_rate=3e-4',
        '--batch_tokens=2048',
        '--threads=1',
        '--eval_every=1000',
        '--eval_size=8',
        '--log_every=10',
        '--dim=32',
        '--n_layers=1',
      ],
      { encoding: 'utf8' },
    );
    expect(continued).toMatch(/initialised from .*model\.safetensors/);
    expect(continued).toMatch(/d=64 L=2/);
    expect(firstLoss(continued)).toBeLessThan(firstLoss(trainOutput) * 0.8);
  });
});
