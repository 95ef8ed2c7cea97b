/** @module Scores rollouts for RL offline: `npx tsx scripts/score-rollouts.ts IN.jsonl OUT.jsonl` (rl.py itself uses src/tasks/score-service.ts). */
import { readFile, writeFile } from 'node:fs/promises';
import { scoreRolloutLines } from '../src/tasks/score-rollout-lines.js';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: npx tsx scripts/score-rollouts.ts IN.jsonl OUT.jsonl  (lines: {"prompt","completion","task"?})');
  process.exit(2);
}
const scored = scoreRolloutLines((await readFile(input, 'utf8')).split('\n'));
await writeFile(output, scored.map((row) => JSON.stringify(row)).join('\n') + '\n');
const correct = scored.filter((row) => row['correct'] === true).length;
console.log(`scored ${scored.length} rollouts: ${correct} correct (${((100 * correct) / Math.max(1, scored.length)).toFixed(1)}%)`);
