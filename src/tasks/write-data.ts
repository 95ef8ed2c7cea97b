/** @module Script entry: `npx tsx src/tasks/write-data.ts --task mix --n 100000 --seed 1 --out data/train.jsonl`. */
import { parseArgs } from 'node:util';
import { writeTrainingData } from './write-training-data.js';

const { values } = parseArgs({
  options: {
    task: { type: 'string', default: 'mix' },
    n: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'data/train.jsonl' },
    levels: { type: 'string' },
    'direct-share': { type: 'string', default: '0.1' },
    'check-share': { type: 'string', default: '0.1' },
    'no-held-out': { type: 'boolean', default: false },
    split: { type: 'string', default: 'train' },
    'task-weights': { type: 'string' },
    'level-weights': { type: 'string' },
  },
});
const summary = await writeTrainingData({
  task: values.task,
  n: Number(values.n),
  seed: Number(values.seed),
  out: values.out,
  levels: values.levels,
  directShare: Number(values['direct-share']),
  checkShare: Number(values['check-share']),
  heldOut: !values['no-held-out'],
  split: values.split,
  taskWeights: values['task-weights'],
  levelWeights: values['level-weights'],
});
console.log(JSON.stringify(summary, null, 2));
