import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVAL_SEED } from './held-out.js';
import { getTask } from './index.js';
import { TASK_WEIGHTS } from './training-data.js';
import {
  parseLevels,
  parseLevelWeights,
  parseTaskWeights,
  SHIPPED_RECIPE,
  shippedRecipeCommand,
  writeTrainingData,
} from './write-training-data.js';

const directory = await mkdtemp(join(tmpdir(), 'slowthink-data-'));
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('writeTrainingData', () => {
  it('parses level lists', () => {
    expect(parseLevels('1-3')).toEqual([1, 2, 3]);
    expect(parseLevels('2,4-5')).toEqual([2, 4, 5]);
    expect(parseLevels(undefined)).toBeUndefined();
    expect(() => parseLevels('hard')).toThrow(/levels/);
  });

  it('parses weights and applies them', async () => {
    expect(parseTaskWeights('arithmetic=0.7, countdown=.3')).toEqual({ arithmetic: 0.7, countdown: 0.3 });
    expect(parseLevelWeights('arithmetic=3/3/2/1/1,countdown=2/1/1')).toEqual({ arithmetic: [3, 3, 2, 1, 1], countdown: [2, 1, 1] });
    expect(() => parseTaskWeights('arithmetic')).toThrow(/task weights/);
    expect(() => parseLevelWeights('arithmetic=a/b')).toThrow(/level weights/);
    const out = join(directory, 'weighted.jsonl');
    const summary = await writeTrainingData({
      task: 'mix',
      n: 200,
      seed: 4,
      out,
      // Every other task of the mix weighted 0, whichever tasks it holds.
      taskWeights: Object.keys(TASK_WEIGHTS)
        .map((name) => `${name}=${name === 'arithmetic' ? 1 : 0}`)
        .join(','),
      levelWeights: 'arithmetic=1/0/0/0/0',
    });
    expect(summary.byTask).toEqual({ 'arithmetic/L1': 200 });
  });

  it('writes one JSON object per line with the contract fields', async () => {
    const out = join(directory, 'nested', 'train.jsonl');
    const summary = await writeTrainingData({ task: 'arithmetic', n: 30, seed: 9, out, levels: '1-2' });
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(30);
    expect(summary.count).toBe(30);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['completion', 'kind', 'level', 'prompt', 'task']);
      expect([1, 2]).toContain(row.level);
    }
  });

  it('writes the evaluation split from the reserved seed', async () => {
    const out = join(directory, 'eval.jsonl');
    await writeTrainingData({ task: 'countdown', n: 5, seed: 0, out, split: 'eval' });
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const expected = getTask('countdown').levels.flatMap((level) => getTask('countdown').generate({ seed: EVAL_SEED, count: 5, level }));
    expect(rows.map((row) => row.prompt.trim())).toEqual(expected.map((problem) => problem.question));
  });

  it('rejects bad options', async () => {
    const out = join(directory, 'bad.jsonl');
    await expect(writeTrainingData({ task: 'mix', n: 0, seed: 1, out })).rejects.toThrow(/--n/);
    await expect(writeTrainingData({ task: 'mix', n: 5, seed: 1, out, checkShare: 2 })).rejects.toThrow(/check-share/);
    await expect(writeTrainingData({ task: 'mix', n: 5, seed: 1, out, closeShare: -0.1 })).rejects.toThrow(/close-share/);
    await expect(writeTrainingData({ task: 'mix', n: 5, seed: 1, out, split: 'test' })).rejects.toThrow(/split/);
  });
});

describe('the shipped recipe (one home: SHIPPED_RECIPE)', () => {
  it('is the `slowthink data` line the model card publishes, so the card and `train sft` cannot drift apart', async () => {
    const card = await readFile(new URL('../../models/slowthink-mini.md', import.meta.url), 'utf8');
    const line = card
      .replaceAll('\\\n', ' ')
      .split('\n')
      .find((text) => text.startsWith('slowthink data --task mix'));
    expect(line?.replace(/\s+/g, ' ').trim()).toBe(shippedRecipeCommand());
  });

  it('has weights the data command parses, over tasks that exist', () => {
    const tasks = Object.keys(parseTaskWeights(SHIPPED_RECIPE.options.taskWeights) ?? {});
    expect(tasks.length).toBeGreaterThan(1);
    for (const task of tasks) expect(getTask(task)).toBeDefined();
    expect(Object.keys(parseLevelWeights(SHIPPED_RECIPE.options.levelWeights) ?? {}).sort()).toEqual([...tasks].sort());
  });
});
