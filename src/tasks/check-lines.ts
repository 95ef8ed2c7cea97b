/** @module Labelled scratchpad lines for measuring a check role: a right line from a reference trace, and the same line with a corrupted result. */
import { EVAL_SEED } from './held-out.js';
import { corruptResult } from './mistakes.js';
import type { Random } from './random.js';
import { getTask } from './registry.js';
import { solveTrace } from './solve-trace.js';
import { parseStep } from './step-check.js';

/**
 * For each of the first `count` held-out arithmetic problems of `level`: one random line of its reference scratchpad,
 * kept as written (column annotations included, `7+5=12 >2`), and that line with its result corrupted. Lines that
 * are not equations are skipped, so fewer than `count` pairs may come back.
 */
export function checkLinePairs(level: number, count: number, random: Random): Array<{ right: string; wrong: string }> {
  const pairs: Array<{ right: string; wrong: string }> = [];
  for (const problem of getTask('arithmetic').generate({ seed: EVAL_SEED, count, level })) {
    const trace = solveTrace(problem, 'none', random);
    if (!trace) continue;
    const line = random.pick(trace.lines);
    const step = parseStep(line);
    if (!step) continue;
    pairs.push({ right: line, wrong: line.replace(`=${step.right}`, `=${corruptResult(step.left, step.right, random)}`) });
  }
  return pairs;
}
