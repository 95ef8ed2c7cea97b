/** @module Writes training data to a JSONL file (shared by the `slowthink data` command and the write-data script). */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { buildEvaluationData } from './evaluation-data.js';
import { buildTrainingData, summarizeTrainingData } from './training-data.js';

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

/** Builds the examples and writes one JSON object per line; returns the summary. */
export async function writeTrainingData(options: {
  task: string;
  n: number;
  seed: number;
  out: string;
  levels?: string | undefined;
  directShare?: number;
  checkShare?: number;
  heldOut?: boolean;
  /** `train` (default) or `eval`: the reserved evaluation problems, `n` per task and level, with reference traces. */
  split?: string;
}) {
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--n must be a positive integer, got ${options.n}`, { param: 'n' });
  }
  for (const [name, share] of [
    ['direct-share', options.directShare ?? 0],
    ['check-share', options.checkShare ?? 0],
  ] as const) {
    if (!(share >= 0 && share <= 1)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--${name} must be in [0, 1], got ${share}`, { param: name });
    }
  }
  const levels = parseLevels(options.levels);
  const split = options.split ?? 'train';
  if (split !== 'train' && split !== 'eval') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--split must be train or eval, got ${split}`, { param: 'split' });
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
          ...(options.heldOut === undefined ? {} : { heldOut: options.heldOut }),
        });
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, examples.map((example) => JSON.stringify(example)).join('\n') + '\n');
  return { out: options.out, ...summarizeTrainingData(examples) };
}
