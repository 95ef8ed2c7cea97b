/** End to end: Countdown draws (unsolvable ones and held-out draw types) through reason(), its answer key and the bench grader. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGrader } from '../bench/problems/problem-source.js';
import { reason } from '../engine/index.js';
import type { Model, TaskProblem } from '../spec/index.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { countdownTask, largeCount } from './countdown.js';
import { countdownAnswerProblem } from './countdown-answer.js';

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');
const grade = createGrader((name) => (name === 'countdown' ? countdownTask : undefined));
const drawOf = (problem: TaskProblem) => problem.meta as { numbers: number[]; target: number };

/** The first unsolvable problem of a split and level (the generator is deterministic, so this is a fixed problem). */
function unsolvable(level: number, split: 'train' | 'held-out-shapes' = 'train'): TaskProblem {
  const problem = countdownTask.generate({ seed: 1_000_001, count: 200, level, split }).find((entry) => entry.unanswerable === true);
  if (!problem) throw new Error(`no unsolvable draw among 200 at level ${level}`);
  return problem;
}

describe('Countdown declines through reason() (scripted model: control flow)', () => {
  const problem = unsolvable(2);
  const { target } = drawOf(problem);

  it('a decline becomes no answer, graded right on an unsolvable draw', async () => {
    const model = createScriptedModel({ responses: [`<think>\ncannot make ${target}\n</think>\nA: no solution`] });
    const result = await reason({ question: problem.question, model, effort: 'low', strategy: 'cot' });
    expect(result.answer).toBeUndefined();
    expect(grade(problem, result.answer)).toBe(true);
  });

  it('an expression over numbers not given is never the answer, and without a decline it is graded wrong', async () => {
    const model = createScriptedModel({ responses: [`<think>\n</think>\nA: ${target + 997}-997`] });
    const result = await reason({ question: problem.question, model, effort: 'low', strategy: 'cot' });
    expect(countdownAnswerProblem(`${target + 997}-997`, drawOf(problem).numbers, target)).toMatch(/not given/);
    expect(result.answer).toBeUndefined();
    expect(grade(problem, result.answer, result.text)).toBe(false);
  });

  it('declines outvote an invalid expression: self-consistency answers null', async () => {
    const decline = `<think>\ncannot make ${target}\n</think>\nA: no solution`;
    const model = createScriptedModel({ responses: [`<think>\n</think>\nA: ${target + 997}-997`, decline, decline] });
    const result = await reason({ question: problem.question, model, strategy: 'self-consistency', options: { n: 3 } });
    expect(result.answer).toBeUndefined();
  });
});

let pending: Promise<Model> | undefined;
afterAll(async () => {
  await (await pending)?.close?.();
});

describe.skipIf(!existsSync(shipped))('Countdown through reason() on the embedded model', () => {
  it('an unsolvable draw and a held-out draw type get a Countdown answer key and a graded result', async () => {
    pending ??= import('../models/embedded.js').then(({ createEmbeddedModel }) =>
      createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 1 }),
    );
    const model = await pending;
    const heldOut = countdownTask.generate({ seed: 1_000_001, count: 1, level: 2, split: 'held-out-shapes' })[0] as TaskProblem;
    expect(largeCount(drawOf(heldOut).numbers)).toBeGreaterThanOrEqual(3);
    for (const problem of [unsolvable(1), heldOut]) {
      const result = await reason({ question: problem.question, model, effort: 'low', seed: 3 });
      expect(result.reasoning.length).toBeGreaterThan(0);
      // The Countdown key extracts an expression (with digits) or nothing: never prose, never a bare number.
      if (result.answer !== undefined) expect(result.answer).toMatch(/^[\d+\-*/() =]+$/);
      const correct = grade(problem, result.answer);
      if (problem.unanswerable === true) expect(correct).toBe(result.answer === undefined);
      else expect(correct).toBe(result.answer !== undefined && countdownTask.check(problem.question, result.answer));
    }
  }, 60_000);
});
