/** @module `slowthink train sft --tier mini|full`: writes data if needed, runs the PyTorch trainer with live progress, exports the GGUF. */
import type { Command } from 'commander';

/** Architecture and optimisation presets of the two tiers (see models/*.md for the measured results). */
export const TIER_PRESETS = {
  mini: {
    name: 'slowthink-mini',
    file: 'models/slowthink-mini.gguf',
    minutes: 29,
    args: ['--dim=128', '--n_layers=4', '--n_heads=4', '--learning_rate=3e-3', '--batch_tokens=6144', '--eval_every=1000'],
  },
  full: {
    name: 'slowthink',
    file: 'models/slowthink.gguf',
    minutes: 75,
    // Evals (greedy decoding in PyTorch, with a snapshot) are spaced so they take a few % of the time budget.
    args: ['--dim=160', '--n_layers=6', '--n_heads=5', '--learning_rate=2e-3', '--batch_tokens=6144', '--eval_every=1500', '--seed=7'],
  },
} as const;

/** Registers the `train` command. */
export function register(program: Command): void {
  const train = program.command('train').description('Train our own small reasoning model (PyTorch on CPU) and export it to GGUF');
  train
    .command('sft')
    .description('Supervised training on generated traces, then export models/<tier>.gguf (F16)')
    .option('--tier <tier>', 'mini (~1M params) or full (several M)', 'mini')
    .option('--steps <n>', 'stop after this many optimiser steps')
    .option('--minutes <m>', 'stop after this many minutes of training (the LR schedule follows it)')
    .option('--data <file>', 'training JSONL (default: generate training/data/mix6.jsonl with `slowthink data`, the current recipe)')
    .option('--examples <n>', 'examples to generate when --data is not given', '260000')
    .option('--threads <n>', 'torch CPU threads (2 = the whole machine; 1 when the other core is busy)', '2')
    .option('--out <file>', 'GGUF to write (default models/slowthink-mini.gguf or models/slowthink.gguf)')
    .option('--checkpoints <dir>', 'checkpoint folder (default training/checkpoints/<tier>)')
    .option('--python <path>', 'Python with torch', '/usr/bin/python3')
    .action(async (options: Record<string, string | undefined>) => {
      const { existsSync, mkdirSync } = await import('node:fs');
      const { spawn } = await import('node:child_process');
      const { ERROR_CODES, SlowthinkError } = await import('../../errors/index.js');
      const tier = options['tier'];
      if (tier !== 'mini' && tier !== 'full')
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown tier '${tier}'`, {
          hint: 'Use --tier mini or --tier full.',
          param: 'tier',
        });
      const preset = TIER_PRESETS[tier];
      let data = options['data'];
      if (!data) {
        // mix6: the shipped models' recipe (mix5) with column work for chains that go negative (ADR 0003, amended).
        data = 'training/data/mix6.jsonl';
        if (!existsSync(data)) {
          mkdirSync('training/data', { recursive: true });
          const { writeTrainingData } = await import('../../tasks/write-training-data.js');
          console.log(`writing ${options['examples']} training examples to ${data} …`);
          // The recipe of models/slowthink-mini.md: weight the building blocks.
          await writeTrainingData({
            task: 'mix',
            n: Number(options['examples']),
            seed: 3,
            out: data,
            heldOut: true,
            directShare: 0.04,
            checkShare: 0.08,
            closeShare: 0.03,
            taskWeights: 'arithmetic=0.7,countdown=0.3',
            levelWeights: 'arithmetic=2.5/2.5/2/1.5/1.5,countdown=1.5/2/1',
          });
        }
      }
      const args = [
        'training/train.py',
        `--data=${data}`,
        `--out_dir=${options['checkpoints'] ?? `training/checkpoints/${tier}`}`,
        `--name=${preset.name}`,
        `--export=${options['out'] ?? preset.file}`,
        `--threads=${options['threads']}`,
        `--max_minutes=${options['minutes'] ?? (options['steps'] ? 100000 : preset.minutes)}`,
        ...(options['steps'] ? [`--max_steps=${options['steps']}`] : []),
        ...(existsSync('training/data/eval.jsonl') ? ['--eval_data=training/data/eval.jsonl'] : []),
        ...preset.args,
      ];
      console.log(`${options['python']} ${args.join(' ')}`);
      const child = spawn(options['python']!, args, { stdio: 'inherit' });
      const code = await new Promise<number>((resolve) => child.on('close', (exitCode) => resolve(exitCode ?? 1)));
      if (code !== 0)
        throw new SlowthinkError(ERROR_CODES.INTERNAL, `The trainer exited with code ${code}.`, {
          hint: 'Check that /usr/bin/python3 can `import torch` (apt-get install python3-torch libopenblas0-openmp).',
        });
    });
}
