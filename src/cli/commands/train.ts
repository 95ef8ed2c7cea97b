/** @module `slowthink train sft --tier mini|full`: writes data if needed, runs the PyTorch trainer with live progress, exports the GGUF. */
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { parseNumberOption } from '../../errors/number-option.js';

/** Architecture and optimisation presets of the two tiers (see models/*.md for the measured results). */
export const TIER_PRESETS = {
  mini: {
    name: 'slowthink-mini',
    file: 'models/slowthink-mini.gguf',
    minutes: 50,
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

/** Where `train sft` writes its GGUF: `--out`, else beside the checkpoints; the shipped models/*.gguf only with `--ship`. */
export function sftExportPath(options: { tier: keyof typeof TIER_PRESETS; out?: string; ship?: boolean; checkpoints?: string }): string {
  const preset = TIER_PRESETS[options.tier];
  const shipped = Object.values(TIER_PRESETS).map((tier) => resolve(tier.file));
  if (options.ship && options.out !== undefined)
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'Give either --ship or --out, not both', {
      hint: `--ship writes ${preset.file}; --out writes the file you name.`,
      param: 'ship',
    });
  if (options.ship) return preset.file;
  if (options.out !== undefined && shipped.includes(resolve(options.out)))
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--out ${options.out} is a shipped model; it is replaced only with --ship`, {
      hint: `Add --ship (and drop --out) to replace ${preset.file} on purpose, or write elsewhere.`,
      param: 'out',
    });
  return options.out ?? join(options.checkpoints ?? `training/checkpoints/${options.tier}`, `${preset.name}.gguf`);
}

/** RL stage defaults per tier (issue #13 budgets: mini <= 60 min, full <= 120 min on the 2-core machine). */
export const RL_MINUTES = { mini: 60, full: 120 } as const;

/** The RL curriculum's default pool: every level of the four task families the models know (the curriculum weights
 * each by p(1-p) of its running pass rate, so solved and hopeless levels fade out). */
export const RL_TASKS = 'arithmetic=1/2/3/4/5,countdown=1/2/3,physics=1/2/3,program-trace=1/2/3/4';

/** Where `train rl` writes its GGUF: beside its checkpoints (training/checkpoints/<tier>-rl), the shipped file only with `--ship`. */
export function rlExportPath(tier: keyof typeof TIER_PRESETS, options: { ship?: boolean; checkpoints?: string }): string {
  const preset = TIER_PRESETS[tier];
  return options.ship ? preset.file : join(options.checkpoints ?? `training/checkpoints/${tier}-rl`, `${preset.name}-rl.gguf`);
}

/** The `--tier` value, or INVALID_ARGUMENT naming the two tiers. */
function tierOf(value: string | boolean | undefined): 'mini' | 'full' {
  if (value === 'mini' || value === 'full') return value;
  throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown tier '${String(value)}'`, {
    hint: 'Use --tier mini or --tier full.',
    param: 'tier',
  });
}

/** The options of a trainer run, as commander parsed them. */
type TrainerOptions = Record<string, string | boolean | undefined>;

/** A subcommand with the options both stages share: tier, time and step limits, threads, checkpoints, --ship, Python. */
function trainerCommand(train: Command, name: string, description: string, checkpoints: string, threads: string): Command {
  return train
    .command(name)
    .description(description)
    .option('--tier <tier>', 'mini (~1M params) or full (several M)', 'mini')
    .option('--steps <n>', 'stop after this many optimiser steps')
    .option('--minutes <m>', 'stop after this many minutes of training (default: the tier preset; the LR schedule follows it)')
    .option('--threads <n>', 'torch CPU threads (2 = the whole machine; 1 when the other core is busy)', threads)
    .option('--checkpoints <dir>', checkpoints)
    .option('--ship', 'write the shipped models/slowthink-mini.gguf or models/slowthink.gguf (replaces the model slowthink runs)')
    .option('--python <path>', 'Python with torch', '/usr/bin/python3');
}

/** A string option's value, or undefined. */
function textOption(options: TrainerOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** The time and step limits both trainers take: `--max_minutes` (huge when only steps are given) and `--max_steps`. */
function limitArgs(options: TrainerOptions, defaultMinutes: number): string[] {
  const steps = textOption(options, 'steps');
  return [
    `--max_minutes=${textOption(options, 'minutes') ?? (steps ? 100000 : defaultMinutes)}`,
    ...(steps ? [`--max_steps=${steps}`] : []),
  ];
}

/**
 * The trainers' `--init` for `--from FILE`: a trainer .safetensors as it is, a GGUF read back to F32 safetensors in
 * `folder` (the GGUF's F16 weights are read back exactly: the re-export is byte-identical).
 */
async function startingWeights(from: string, folder: string): Promise<string> {
  const { existsSync, mkdirSync } = await import('node:fs');
  if (!existsSync(from))
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--from ${from} does not exist`, {
      hint: 'Give a GGUF or a trainer .safetensors file.',
      param: 'from',
    });
  mkdirSync(folder, { recursive: true });
  if (from.endsWith('.safetensors')) return from;
  const init = join(folder, 'from.safetensors');
  const { importGgufToSafetensors } = await import('../../models/gguf/import-gguf.js');
  importGgufToSafetensors(from, init);
  return init;
}

/** Runs a Python trainer with its output on this terminal; a non-zero exit is INTERNAL with `hint`. */
async function runTrainer(options: TrainerOptions, args: readonly string[], what: string, hint: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const python = textOption(options, 'python') ?? '/usr/bin/python3';
  console.log(`${python} ${args.join(' ')}`);
  const child = spawn(python, args, { stdio: 'inherit' });
  const code = await new Promise<number>((done) => child.on('close', (exitCode) => done(exitCode ?? 1)));
  if (code !== 0) throw new SlowthinkError(ERROR_CODES.INTERNAL, `The ${what} exited with code ${code}.`, { hint });
}

/** Registers the `train` command. */
export function register(program: Command): void {
  const train = program.command('train').description('Train our own small reasoning model (PyTorch on CPU) and export it to GGUF');
  trainerCommand(
    train,
    'sft',
    'Supervised training on generated traces, then export a GGUF (F16) beside the checkpoints (--ship: models/<tier>.gguf)',
    'checkpoint folder (default training/checkpoints/<tier>)',
    '2',
  )
    .option('--data <file>', 'training JSONL (default: generate the shipped recipe, training/data/mix7.jsonl, with `slowthink data`)')
    .option('--examples <n>', "examples to generate when --data is not given (default: the shipped recipe's count)")
    .option('--out <file>', 'GGUF to write (default training/checkpoints/<tier>/<name>.gguf, beside the checkpoints)')
    .option(
      '--from <file>',
      'continue from these weights (a GGUF or trainer safetensors; the architecture is theirs) instead of a random start',
    )
    .option('--learning-rate <lr>', "peak learning rate (default: the tier preset's; lower it when continuing --from trained weights)")
    .action(async (options: TrainerOptions) => {
      const { existsSync, mkdirSync } = await import('node:fs');
      const tier = tierOf(options['tier']);
      const preset = TIER_PRESETS[tier];
      const text = (name: string) => textOption(options, name);
      // Checked before any data or training: a wrong output path must not cost a run, nor overwrite a shipped model.
      const exportPath = sftExportPath({ tier, out: text('out'), ship: options['ship'] === true, checkpoints: text('checkpoints') });
      const learningRate = parseNumberOption('learning-rate', text('learningRate'), { minimum: 0, exclusive: true, example: '1e-3' });
      const folder = text('checkpoints') ?? `training/checkpoints/${tier}`;
      const from = text('from');
      const init = from === undefined ? undefined : await startingWeights(from, folder);
      let data = text('data');
      if (!data) {
        // The shipped recipe (mix7): its one home is SHIPPED_RECIPE in src/tasks/write-training-data.ts.
        const { SHIPPED_RECIPE, writeTrainingData } = await import('../../tasks/write-training-data.js');
        data = SHIPPED_RECIPE.file;
        if (!existsSync(data)) {
          mkdirSync(dirname(data), { recursive: true });
          const n =
            parseNumberOption('examples', options['examples'], { integer: true, minimum: 1, example: '260000' }) ?? SHIPPED_RECIPE.examples;
          console.log(`writing ${n} training examples to ${data} …`);
          await writeTrainingData({ ...SHIPPED_RECIPE.options, n, out: data });
        }
      }
      const args = [
        'training/train.py',
        `--data=${data}`,
        `--out_dir=${folder}`,
        `--name=${preset.name}`,
        `--export=${exportPath}`,
        `--threads=${options['threads']}`,
        ...limitArgs(options, preset.minutes),
        ...(existsSync('training/data/eval.jsonl') ? ['--eval_data=training/data/eval.jsonl'] : []),
        ...preset.args,
        // After the preset: the trainer reads its --key=value options in order, the last one wins.
        ...(init === undefined ? [] : [`--init=${init}`]),
        ...(learningRate === undefined ? [] : [`--learning_rate=${learningRate}`, `--min_lr=${learningRate / 10}`]),
      ];
      mkdirSync(dirname(exportPath), { recursive: true });
      await runTrainer(
        options,
        args,
        'trainer',
        'Check that /usr/bin/python3 can `import torch` (apt-get install python3-torch libopenblas0-openmp).',
      );
    });
  trainerCommand(
    train,
    'rl',
    "RL on the task checkers' rewards (GRPO or expert iteration), starting from the shipped GGUF; exports the best-validated weights as a GGUF beside its checkpoints (--ship: models/<tier>.gguf)",
    'checkpoint folder (default training/checkpoints/<tier>-rl); an existing ckpt.pt there is resumed',
    // Rollouts of these small models are bound by Python's per-token loop: 1 thread sampled as fast as 2 here
    // (2.9-3.0 k tok/s), and 2 threads collapsed to ~200 tok/s while other processes held a core.
    '1',
  )
    .option('--from <file>', "starting weights: a GGUF (read back to F32) or trainer safetensors (default: the tier's shipped GGUF)")
    .option('--tasks <spec>', 'curriculum pool of task levels', RL_TASKS)
    .option('--learning-rate <lr>', 'AdamW learning rate of the policy (5e-5 moved greedy arithmetic L4-5 by 1 point in 90 steps)', '2e-4')
    .option('--base-flops <n>', "training compute already in the starting weights, so the train-time curve's x axis is cumulative", '0')
    .option(
      '--algorithm <name>',
      'grpo (group-relative policy gradient) or expert (expert iteration: learn from correct rollouts only)',
      'grpo',
    )
    .option('--temperature <t>', 'sampling temperature of the rollouts', '1')
    .option('--groups <n>', 'problems per update (each with a group of rollouts)', '8')
    .option('--group-size <n>', 'rollouts per problem', '8')
    .option('--monitor-every <n>', 'greedy accuracy on validation problems every N steps, keeping the best weights (0: off)', '10')
    .action(async (options: TrainerOptions) => {
      const tier = tierOf(options['tier']);
      const text = (name: string) => textOption(options, name);
      // Bad numbers fail before the GGUF is read back.
      const baseFlops = parseNumberOption('base-flops', text('baseFlops') ?? '0', { minimum: 0, example: '1.7e14' });
      const learningRate = parseNumberOption('learning-rate', text('learningRate') ?? '2e-4', {
        minimum: 0,
        exclusive: true,
        example: '2e-4',
      });
      const algorithm = text('algorithm') ?? 'grpo';
      if (algorithm !== 'grpo' && algorithm !== 'expert')
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown algorithm '${algorithm}'`, {
          hint: 'Use --algorithm grpo or --algorithm expert.',
          param: 'algorithm',
        });
      const temperature = parseNumberOption('temperature', text('temperature') ?? '1', { minimum: 0, exclusive: true, example: '1' });
      const groups = parseNumberOption('groups', text('groups') ?? '8', { integer: true, minimum: 1, example: '8' });
      const groupSize = parseNumberOption('group-size', text('groupSize') ?? '8', { integer: true, minimum: 2, example: '8' });
      const monitorEvery = parseNumberOption('monitor-every', text('monitorEvery') ?? '10', { integer: true, minimum: 0, example: '10' });
      const folder = text('checkpoints') ?? `training/checkpoints/${tier}-rl`;
      const exportPath = rlExportPath(tier, { ship: options['ship'] === true, checkpoints: folder });
      const init = await startingWeights(text('from') ?? TIER_PRESETS[tier].file, folder);
      const args = [
        'training/rl.py',
        `--init=${init}`,
        `--out_dir=${folder}`,
        `--name=${TIER_PRESETS[tier].name}`,
        `--export=${exportPath}`,
        `--tasks=${text('tasks')}`,
        `--base_flops=${baseFlops}`,
        `--learning_rate=${learningRate}`,
        `--algorithm=${algorithm}`,
        `--temperature=${temperature}`,
        `--groups_per_step=${groups}`,
        `--group_size=${groupSize}`,
        `--monitor_every=${monitorEvery}`,
        `--threads=${options['threads']}`,
        ...limitArgs(options, RL_MINUTES[tier]),
      ];
      await runTrainer(
        options,
        args,
        'RL trainer',
        'Check that /usr/bin/python3 can `import torch`; rerun the same command to resume from the last snapshot.',
      );
    });
}
