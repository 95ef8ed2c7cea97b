/** @module Measures the embedded model's learned check role on held-out scratchpad lines: accuracy at 0.5 and ROC AUC. */
import type { EmbeddedModel } from '../src/models/embedded.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask } from '../src/tasks/index.js';
import { corruptResult } from '../src/tasks/mistakes.js';
import { createRandom } from '../src/tasks/random.js';
import { solveTrace } from '../src/tasks/solve-trace.js';
import { checkStep as exactCheck, parseStep } from '../src/tasks/step-check.js';

/** Accuracy and AUC of `checkStep` on right lines from reference traces and the same lines with a corrupted result. */
export async function measureChecker(
  model: EmbeddedModel,
  problemsPerLevel = 10,
): Promise<{ lines: number; accuracy: number; auc: number }> {
  const random = createRandom(EVAL_SEED);
  const labelled: Array<{ line: string; right: boolean }> = [];
  for (const taskName of ['arithmetic', 'countdown']) {
    const task = getTask(taskName);
    for (const level of task.levels) {
      for (const problem of task.generate({ seed: EVAL_SEED, count: problemsPerLevel, level })) {
        const trace = solveTrace(problem, 'none', random);
        const step = trace?.lines.map(parseStep).find((parsed) => parsed !== undefined);
        if (!step) continue;
        const wrongValue = corruptResult(step.left, step.right, random);
        labelled.push({ line: step.equation, right: true }, { line: `${step.left}=${wrongValue}`, right: false });
      }
    }
  }
  const usable = labelled.filter((entry) => exactCheck(entry.line) === entry.right);
  const scores = await Promise.all(usable.map((entry) => model.checkStep(entry.line)));
  const accuracy = usable.filter((entry, index) => scores[index]! > 0.5 === entry.right).length / usable.length;
  const positives = scores.filter((_, index) => usable[index]!.right);
  const negatives = scores.filter((_, index) => !usable[index]!.right);
  return { lines: usable.length, accuracy, auc: rocAuc(positives, negatives) };
}

/** ROC AUC: the chance that a random positive scores above a random negative (ties count half). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const positive of positives) for (const negative of negatives) wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}
