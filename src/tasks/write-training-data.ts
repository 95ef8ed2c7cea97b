/** @module Writes training data to a JSONL file (used by the `slowthink data` command). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { buildEvaluationData } from './evaluation-data.js';
import { buildTrainingData, summarizeTrainingData } from './training-data.js';

/**
 * The shipped training recipe, `mix7` (models/slowthink-mini.md): the one home of its numbers. `slowthink train sft`
 * writes it when given no --data; the `slowthink data` line that writes the same file is `shippedRecipeCommand()`.
 */
export const SHIPPED_RECIPE = {
  file: 'training/data/mix7.jsonl',
  examples: 260_000,
  options: {
    task: 'mix',
    seed: 3,
    heldOut: true,
    directShare: 0.04,
    checkShare: 0.08,
    closeShare: 0.03,
    taskWeights: 'arithmetic=0.5,countdown=0.25,physics=0.12,program-trace=0.13',
    levelWeights: 'arithmetic=2/2/2/2.5/2.5,countdown=1.5/2/1,physics=1/1.5/2,program-trace=1/1.5/2/2',
  },
} as const;

/** `slowthink data …` with the shipped recipe's flags, for docs and logs. */
export function shippedRecipeCommand(): string {
  const { file, examples, options } = SHIPPED_RECIPE;
  return [
    `slowthink data --task ${options.task} --n ${examples} --seed ${options.seed} --out ${file}`,
    `--direct-share ${options.directShare} --check-share ${options.checkShare} --close-share ${options.closeShare}`,
    `--task-weights ${options.taskWeights} --level-weights ${options.levelWeights}`,
  ].join(' ');
}

/** Parses `1-5`, `2,4` or `3` into a list of levels. */
export function parseLevels(text: string | undefined): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const levels: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!range) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Cannot read levels '${text}'`, {
        hint: 'Write e.g. 1-5 or 2,4',
        param: 'levels',
      });
    }
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    for (let level = from; level <= to; level++) levels.push(level);
  }
  return levels;
}

/** Parses `arithmetic=0.7,countdown=0.3` into task weights. */
export function parseTaskWeights(text: string | undefined): Record<string, number> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z][a-z-]*)\s*=\s*(\d*\.?\d+)\s*$/.exec(part);
    if (!match) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Cannot read task weights '${text}'`, {
        hint: 'Write e.g. arithmetic=0.7,countdown=0.3',
        param: 'task-weights',
      });
    }
    weights[match[1] as string] = Number(match[2]);
  }
  return weights;
}

/** Parses `arithmetic=3/3/2/1/1,countdown=2/1/1` into level weights per task (first number = level 1). */
export function parseLevelWeights(text: string | undefined): Record<string, number[]> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const weights: Record<string, number[]> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z][a-z-]*)\s*=\s*(\d*\.?\d+(?:\/\d*\.?\d+)*)\s*$/.exec(part);
    if (!match) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Cannot read level weights '${text}'`, {
        hint: 'Write e.g. arithmetic=3/3/2/1/1,countdown=2/1/1 (first number = level 1)',
        param: 'level-weights',
      });
    }
    weights[match[1] as string] = (match[2] as string).split('/').map(Number);
  }
  return weights;
}

/** Builds the examples and writes one JSON object per line; returns the summary. */
export async function writeTrainingData(options: {
  task: string;
  n: number;
  seed: number;
  out: string;
  levels?: string | undefined;
  directShare?: number;
  checkShare?: number;
  closeShare?: number;
  heldOut?: boolean;
  /** `train` (default) or `eval`: the reserved evaluation problems, `n` per task and level, with reference traces. */
  split?: string;
  /** `natural` (default) or `balanced`: the training draw (`ProblemDraw`); the evaluation split is always natural. */
  draw?: string;
  /** `arithmetic=0.7,countdown=0.3` */
  taskWeights?: string | undefined;
  /** `arithmetic=3/3/2/1/1,countdown=2/1/1` */
  levelWeights?: string | undefined;
}) {
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--n must be a positive integer, got ${options.n}`, { param: 'n' });
  }
  for (const [name, share] of [
    ['direct-share', options.directShare ?? 0],
    ['check-share', options.checkShare ?? 0],
    ['close-share', options.closeShare ?? 0],
  ] as const) {
    if (!(share >= 0 && share <= 1)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--${name} must be in [0, 1], got ${share}`, { param: name });
    }
  }
  const levels = parseLevels(options.levels);
  const taskWeights = parseTaskWeights(options.taskWeights);
  const levelWeights = parseLevelWeights(options.levelWeights);
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'eval') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--split must be train or eval, got ${split}`, { param: 'split' });
  }
  const draw = options.draw ?? 'natural';
  if (draw !== 'natural' && draw !== 'balanced') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--draw must be natural or balanced, got ${draw}`, { param: 'draw' });
  }
  const examples =
    split === 'eval'
      ? buildEvaluationData({ task: options.task, perLevel: options.n, ...(levels ? { levels } : {}) })
      : buildTrainingData({
          task: options.task,
          n: options.n,
          seed: options.seed,
          ...(levels ? { levels } : {}),
          ...(options.directShare === undefined ? {} : { directShare: options.directShare }),
          ...(options.checkShare === undefined ? {} : { checkShare: options.checkShare }),
          ...(options.closeShare === undefined ? {} : { closeShare: options.closeShare }),
          ...(options.heldOut === undefined ? {} : { heldOut: options.heldOut }),
          draw,
          ...(taskWeights ? { taskWeights } : {}),
          ...(levelWeights ? { levelWeights } : {}),
        });
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, examples.map((example) => JSON.stringify(example)).join('\n') + '\n');
  return { out: options.out, ...summarizeTrainingData(examples) };
}
