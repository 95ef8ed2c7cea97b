/** @module Solve examples of the reserved evaluation problems (seed 1_000_001), for the trainer's held-out accuracy. */
import { formatSolve, MAX_EXAMPLE_CHARS } from './format.js';
import { EVAL_SEED } from './held-out.js';
import { createRandom } from './random.js';
import { getTask } from './registry.js';
import { solveTrace } from './solve-trace.js';
import { TASK_WEIGHTS, type TrainingExample } from './training-data.js';

/** The first `perLevel` evaluation problems of each level (of one task, or every task of the mix), with reference traces. */
export function buildEvaluationData(options: { task: string; perLevel: number; levels?: readonly number[] }): TrainingExample[] {
  const names = options.task === 'mix' ? Object.keys(TASK_WEIGHTS) : [options.task];
  const examples: TrainingExample[] = [];
  for (const task of names.map(getTask)) {
    for (const level of task.levels) {
      if (options.levels && !options.levels.includes(level)) continue;
      for (const problem of task.generate({ seed: EVAL_SEED, count: options.perLevel, level })) {
        const trace = solveTrace(problem, 'none', createRandom(0));
        if (!trace) continue;
        const formatted = formatSolve(problem.question, trace.lines, trace.answer);
        if (formatted.prompt.length + formatted.completion.length > MAX_EXAMPLE_CHARS) continue;
        examples.push({ ...formatted, kind: 'solve', task: task.name, level });
      }
    }
  }
  return examples;
}
