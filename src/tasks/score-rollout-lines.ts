/** @module Scores JSONL rollout lines with the verifiable reward, so the Python trainer never re-implements a checker. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { rewardCompletion } from './reward.js';

/** Parses each non-empty line (`{"prompt","completion","task"?}`) and returns it with the reward fields added. */
export function scoreRolloutLines(lines: readonly string[]): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Rollout line ${index + 1} is not JSON`, { cause: error });
    }
    const { prompt, completion, task } = row;
    if (typeof prompt !== 'string' || typeof completion !== 'string') {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Rollout line ${index + 1} needs string "prompt" and "completion"`, {
        hint: 'Write {"prompt": "What is 2+3?\\n", "completion": "<think>...</think>\\nA: 5"}',
      });
    }
    rows.push({ ...row, ...rewardCompletion(prompt.trim(), completion, typeof task === 'string' ? task : undefined) });
  });
  return rows;
}
