import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.js';
import { hasTorch, PYTHON as python } from '../../testing/torch-parity.js';
import { RL_TASKS, rlExportPath, sftExportPath } from './train.js';

describe('train sft output path', () => {
  it('defaults beside the checkpoints; models/*.gguf only with --ship; never both --ship and --out', () => {
    expect(sftExportPath({ tier: 'mini' })).toBe('training/checkpoints/mini/slowthink-mini.gguf');
    expect(sftExportPath({ tier: 'full', checkpoints: '/tmp/run' })).toBe('/tmp/run/slowthink.gguf');
    expect(sftExportPath({ tier: 'mini', out: 'x/y.gguf' })).toBe('x/y.gguf');
    expect(sftExportPath({ tier: 'full', ship: true })).toBe('models/slowthink.gguf');
    for (const out of ['models/slowthink-mini.gguf', './models/../models/slowthink.gguf'])
      expect(() => sftExportPath({ tier: 'mini', out })).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'out' }));
    expect(() => sftExportPath({ tier: 'mini', ship: true, out: 'a.gguf' })).toThrow(/--ship or --out/);
  });

  it('through the CLI: an --out on a shipped model exits 2 before anything runs; the default reaches the trainer', async () => {
    const shipped = 'models/slowthink-mini.gguf';
    const before = statSync(shipped).mtimeMs;
    const refused = await runCli(['train', 'sft', '--out', shipped, '--python', '/bin/true']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error ST_INVALID_ARGUMENT: --out models\/slowthink-mini.gguf is a shipped model/);
    expect(refused.stdout).toBe('');
    expect(statSync(shipped).mtimeMs).toBe(before);
    // /bin/true stands in for the trainer: what is checked is the --export path the CLI hands to training/train.py.
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-train-'));
    const data = join(folder, 'data.jsonl');
    writeFileSync(data, '');
    const run = await runCli(['train', 'sft', '--data', data, '--checkpoints', folder, '--steps', '1', '--python', '/bin/true']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(` --export=${join(folder, 'slowthink-mini.gguf')} `);
    expect(run.stdout).not.toContain('--init=');
    // --from continues from a shipped GGUF (read back to safetensors beside the checkpoints) at a lower learning rate.
    const continued = await runCli([
      'train',
      'sft',
      '--data',
      data,
      '--checkpoints',
      folder,
      '--from',
      shipped,
      '--learning-rate',
      '1e-3',
      '--steps',
      '1',
      '--python',
      '/bin/true',
    ]);
    expect(continued.code).toBe(0);
    expect(continued.stdout).toMatch(new RegExp(` --init=${join(folder, 'from.safetensors')} --learning_rate=0.001 --min_lr=0.0001$`, 'm'));
    expect(existsSync(join(folder, 'from.safetensors'))).toBe(true);
    for (const [flags, message] of [
      [['--from', '/nonexistent.gguf'], /--from \/nonexistent.gguf does not exist/],
      [['--learning-rate', '0'], /--learning-rate must be a number > 0/],
    ] as const) {
      const bad = await runCli(['train', 'sft', '--data', data, '--checkpoints', folder, ...flags, '--python', '/bin/true']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  }, 30_000);
});

describe('train rl', () => {
  it('writes beside its checkpoints, reads --from back to safetensors, and refuses a missing --from before anything runs', async () => {
    expect(rlExportPath('mini', {})).toBe('training/checkpoints/mini-rl/slowthink-mini-rl.gguf');
    expect(rlExportPath('full', { ship: true })).toBe('models/slowthink.gguf');
    const missing = await runCli(['train', 'rl', '--from', '/nonexistent.gguf', '--python', '/bin/true']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ST_INVALID_ARGUMENT: --from \/nonexistent.gguf does not exist/);
    const badRate = await runCli(['train', 'rl', '--learning-rate', 'abc', '--python', '/bin/true']);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toMatch(/--learning-rate must be a number > 0, got "abc"/);
    const badAlgorithm = await runCli(['train', 'rl', '--algorithm', 'ppo', '--python', '/bin/true']);
    expect(badAlgorithm.code).toBe(2);
    expect(badAlgorithm.stderr).toMatch(/ST_INVALID_ARGUMENT: Unknown algorithm 'ppo'/);
    const badGroups = await runCli(['train', 'rl', '--groups', '0', '--python', '/bin/true']);
    expect(badGroups.code).toBe(2);
    expect(badGroups.stderr).toMatch(/--groups must be/);
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-rl-'));
    const run = await runCli(['train', 'rl', '--checkpoints', folder, '--steps', '1', '--base-flops', '1.5e14', '--python', '/bin/true']);
    expect(run.code).toBe(0);
    for (const flag of [' --algorithm=grpo ', ' --temperature=1 ', ' --groups_per_step=8 ', ' --group_size=8 ', ' --monitor_every=10 '])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain(' --base_flops=150000000000000 ');
    expect(run.stdout).toContain(` --tasks=${RL_TASKS} `);
    expect(run.stdout).toContain(' --learning_rate=0.0002 ');
    expect(run.stdout).toContain(' --threads=1 ');
    expect(run.stdout).toContain(` --init=${join(folder, 'from.safetensors')} `);
    expect(run.stdout).toContain(` --export=${join(folder, 'slowthink-mini-rl.gguf')} `);
    expect(existsSync(join(folder, 'from.safetensors'))).toBe(true);
  }, 30_000);

  it.skipIf(!hasTorch)(
    'GRPO plumbing: group-relative advantages, uniform groups and overlong rollouts dropped, clipped token loss',
    () => {
      const script = `
import json, sys, torch
sys.path.insert(0, 'training')
from grpo import expert_rows, group_advantages, trainable_rows, policy_loss
rewards = torch.tensor([[1.0, 0.0, 0.0, 1.0], [0.1, 0.1, 0.1, 0.1], [1.0, 1.0, 0.1, 0.0]])
keep = trainable_rows(rewards, [True] * 11 + [False])
new = torch.tensor([[0.0, -1.0], [0.0, -1.0]]); old = torch.tensor([[-1.0, -1.0], [0.0, -1.0]])
mask = torch.tensor([[1.0, 1.0], [1.0, 0.0]])
loss, kl = policy_loss(new, old, new.clone(), torch.tensor([[1.0], [-1.0]]), mask, normaliser=4.0)
print(json.dumps({'advantages': group_advantages(rewards).tolist(), 'keep': keep.tolist(),
                  'keep_unmasked': trainable_rows(rewards, [False] * 12, mask_overlong=False).tolist(), 'loss': loss.item(), 'kl': kl.item(),
                  'expert': expert_rows(torch.tensor([[1.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]), 2).tolist()}))`;
      const result = JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf8' })) as Record<
        string,
        number[][] | boolean[] | number
      >;
      const advantages = result['advantages'] as number[][];
      expect(advantages[0]).toEqual([0.5, -0.5, -0.5, 0.5]);
      expect(advantages[1]?.every((value) => Math.abs(value) < 1e-6)).toBe(true);
      expect(advantages[2]?.map((value) => Math.round(value * 1000) / 1000)).toEqual([0.475, 0.475, -0.425, -0.525]);
      // group 2 is uniform (all 0.1): dropped; the last rollout never emitted EOS: masked.
      expect(result['keep']).toEqual([true, true, true, true, false, false, false, false, true, true, true, false]);
      expect(result['keep_unmasked']).toEqual([true, true, true, true, false, false, false, false, true, true, true, true]);
      // ratio e on the first token is clipped to 1.28 for a positive advantage: -(1.28 + 1 - 1) / 4; masked tokens add nothing.
      expect(result['loss']).toBeCloseTo(-(1.28 + 1 - 1) / 4, 5);
      expect(result['kl']).toBeCloseTo(0, 6);
      // Expert iteration: the first two correct rollouts of a group train; an all-wrong group trains nothing.
      expect(result['expert']).toEqual([true, true, false, false, false, false, false, false, false, false, false, true]);
    },
    20_000,
  );

  const toyArgs = (folder: string, extra: string[]) => [
    'training/rl.py',
    `--out_dir=${folder}`,
    '--reward=digits',
    '--max_new=8',
    '--mask_overlong=false',
    '--learning_rate=3e-2',
    '--tasks=arithmetic=1',
    '--problems_per_level=20',
    '--threads=1',
    '--monitor_every=0',
    ...extra,
  ];

  // A tiny random-init model learns the smoke reward (share of digit characters, scored by the TS service) within 14 steps.
  it.skipIf(!hasTorch)(
    'a tiny GRPO run raises the reward',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'slowthink-rl-'));
      const output = execFileSync(python, toyArgs(folder, ['--max_steps=14']), {
        encoding: 'utf8',
      });
      const rewards = [...output.matchAll(/^step \d+ reward ([\d.]+)/gm)].map((match) => Number(match[1]));
      expect(rewards).toHaveLength(14);
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(rewards.slice(0, 3))).toBeLessThan(0.3);
      expect(mean(rewards.slice(-3))).toBeGreaterThan(0.6);
      expect(existsSync(join(folder, 'model.safetensors'))).toBe(true);
      // The curves' raw material: a metrics line per step with compute that only grows, snapshots from step 0 on.
      const metrics = readFileSync(join(folder, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { step: number; flops: number; mean_length: number; self_check_rate: number });
      expect(metrics.map((line) => line.step)).toEqual(Array.from({ length: 14 }, (_, index) => index + 1));
      expect(metrics.every((line, index) => index === 0 || line.flops > (metrics[index - 1]?.flops ?? 0))).toBe(true);
      expect(metrics.every((line) => line.mean_length > 0 && line.self_check_rate >= 0)).toBe(true);
      expect(readdirSync(join(folder, 'snapshots')).sort()).toEqual(['step-0.safetensors', 'step-10.safetensors', 'step-14.safetensors']);
    },
    60_000,
  );

  // Expert iteration learns from correct rollouts only ("correct" for the smoke reward: mostly digits); the monitor reads
  // greedy accuracy on validation problems at steps 0 and 10, keeps the best weights, and the export writes those.
  it.skipIf(!hasTorch)(
    'a tiny expert-iteration run raises the reward; the monitor keeps and exports the best-validated weights',
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'slowthink-rl-'));
      const output = execFileSync(
        python,
        toyArgs(folder, [
          '--algorithm=expert',
          '--max_steps=14',
          '--learning_rate=1e-2',
          '--monitor_every=10',
          '--monitor_count=16',
          `--export=${join(folder, 'best.gguf')}`,
        ]),
        { encoding: 'utf8' },
      );
      const rewards = [...output.matchAll(/^step \d+ reward ([\d.]+)/gm)].map((match) => Number(match[1]));
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(mean(rewards.slice(-3))).toBeGreaterThan(mean(rewards.slice(0, 3)) + 0.15);
      const readings = readFileSync(join(folder, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { step: number; validation_mean?: number; best_step?: number })
        .filter((line) => line.validation_mean !== undefined);
      expect(readings.map((line) => line.step)).toEqual([0, 10]);
      const best = Math.max(...readings.map((line) => line.validation_mean ?? 0));
      const bestStep = readings.find((line) => line.validation_mean === best)?.step;
      expect(readings.at(-1)?.best_step).toBe(bestStep);
      expect(output).toMatch(new RegExp(`^exporting .*best\\.safetensors \\(validation [\\d.]+% at step ${bestStep}\\)`, 'm'));
      expect(existsSync(join(folder, 'best.gguf'))).toBe(true);
    },
    90_000,
  );

  it.skipIf(!hasTorch)('refuses groups of one, which have no baseline', () => {
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-rl-'));
    const run = spawnSync(python, toyArgs(folder, ['--group_size=1', '--max_steps=1']), { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/group_size must be at least 2/);
  });

  it.skipIf(!hasTorch)(
    'resumes from its last snapshot after kill -9',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'slowthink-rl-'));
      const child = spawn(python, toyArgs(folder, ['--max_steps=100000', '--save_every=2']), { stdio: 'ignore' });
      const deadline = Date.now() + 40_000;
      while (!existsSync(join(folder, 'ckpt.pt')) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      child.kill('SIGKILL');
      await new Promise((done) => child.on('close', done));
      const output = execFileSync(python, toyArgs(folder, ['--max_steps=6', '--save_every=2']), { encoding: 'utf8' });
      const resumed = Number(/^resumed from step (\d+)/m.exec(output)?.[1]);
      expect(resumed).toBeGreaterThanOrEqual(2);
      expect(output).toMatch(/^done: 6 steps/m);
      // Steps redone after the resume replace their lines: one metrics line per step.
      const steps = readFileSync(join(folder, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { step: number }).step);
      expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    },
    60_000,
  );
});
