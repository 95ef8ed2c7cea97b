/** The verifier trainer end to end on a tiny random model: data -> training/reward_model.py -> GGUF -> the runtime's verdicts. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTorch, PYTHON } from '../testing/torch-parity.js';
import { loadVerdictModel } from './learned-verifier.js';

/** Chains whose label a one-layer model learns in a few dozen steps: right ones use other digits than wrong ones. */
function chain(index: number, right: boolean) {
  const [line, answer] = right ? ['1+1=2', '2'] : ['3+3=7', '7'];
  return {
    task: 'arithmetic',
    level: 1,
    question: `What is ${index}+${index}?`,
    prompt: `What is ${index}+${index}?`,
    completion: `<think>\n${line}\n${line}\n</think>\nA: ${answer}`,
    correct: right,
    confidence: null,
    steps: [[0, right ? 1 : 0, 4]],
  };
}

describe.skipIf(!hasTorch)('training/reward_model.py', () => {
  it('learns verdicts from labelled chains, exports a GGUF, and node-llama-cpp reads the same P(+) as PyTorch', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-reward-'));
    const data = join(folder, 'chains.jsonl');
    const rows = Array.from({ length: 96 }, (_, index) => chain(index, index % 2 === 0));
    writeFileSync(data, rows.map((row) => JSON.stringify(row)).join('\n'));
    const gguf = join(folder, 'verifier.gguf');
    const output = execFileSync(
      PYTHON,
      [
        'training/reward_model.py',
        `--data=${data}`,
        '--init=',
        `--out_dir=${folder}`,
        `--export=${gguf}`,
        '--epochs=6',
        '--batch_size=16',
        '--learning_rate=1e-2',
        '--warmup_steps=2',
        '--val_share=0.25',
      ],
      { encoding: 'utf8' },
    );
    const start = /start: val loss ([\d.]+), outcome AUC ([\d.]+)/.exec(output);
    const end = /end: val loss ([\d.]+), outcome AUC ([\d.]+)/.exec(output);
    expect(start && end, output).toBeTruthy();
    expect(Number(end?.[1])).toBeLessThan(Number(start?.[1]) / 2);
    expect(Number(end?.[2])).toBe(1);
    expect(existsSync(gguf)).toBe(true);

    // The runtime's verdict on held-out question forms, next to PyTorch's sigmoid of the (+, -) logit margin.
    const texts = [
      'What is 500+500?\n<think>\n1+1=2\n1+1=2\n</think>\nA: 2\n',
      'What is 500+500?\n<think>\n3+3=7\n3+3=7\n</think>\nA: 7\n',
    ];
    const script = `
import json, sys, torch
sys.path.insert(0, 'training')
from common import BOS, encode
from reward_sampler import load_safetensors_model
model = load_safetensors_model(sys.argv[1])
out = []
for text in json.loads(sys.argv[2]):
    logits, _ = model(torch.tensor([[BOS] + encode(text)]))
    margin = logits[0, -1, encode('+')[0]] - logits[0, -1, encode('-')[0]]
    out.append(torch.sigmoid(margin).item())
print(json.dumps(out))`;
    const torchValues = JSON.parse(
      execFileSync(PYTHON, ['-c', script, join(folder, 'model.safetensors'), JSON.stringify(texts)], { encoding: 'utf8' }),
    ) as number[];
    const model = await loadVerdictModel(gguf);
    const llamaValues = [await model.verdict(texts[0] ?? ''), await model.verdict(texts[1] ?? '')] as number[];
    expect(llamaValues[0]).toBeGreaterThan(0.8);
    expect(llamaValues[1]).toBeLessThan(0.2);
    for (const [index, value] of llamaValues.entries()) expect(Math.abs(value - (torchValues[index] ?? Number.NaN))).toBeLessThan(0.02);
  }, 180_000);
});
