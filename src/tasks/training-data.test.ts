import { describe, expect, it } from 'vitest';
import { parseCompletion } from './format.js';
import { EVAL_SEED, EXCLUDED_EVAL_SEEDS, problemKey } from './held-out.js';
import { getTask } from './index.js';
import { buildTrainingData, hasCloseDifference, summarizeTrainingData, TASK_WEIGHTS } from './training-data.js';

describe('training data', () => {
  const data = buildTrainingData({ task: 'mix', n: 1500, seed: 3 });

  it('is deterministic per seed', () => {
    expect(buildTrainingData({ task: 'mix', n: 50, seed: 3 })).toEqual(data.slice(0, 50));
    expect(buildTrainingData({ task: 'mix', n: 50, seed: 4 })).not.toEqual(data.slice(0, 50));
  });

  it('respects the character set and the length cap', () => {
    for (const example of data) {
      const text = example.prompt + example.completion;
      expect(text).toMatch(/^[\x20-\x7e\n]*$/);
      expect(text.length).toBeLessThanOrEqual(480);
      expect(example.prompt.endsWith('\n')).toBe(true);
    }
  });

  it('mixes kinds, tasks and levels, with correct answers and labels', () => {
    const summary = summarizeTrainingData(data);
    expect(summary.byKind['check']! / data.length).toBeCloseTo(0.1, 1);
    expect(summary.byKind['direct']! / data.length).toBeCloseTo(0.1, 1);
    expect(Object.keys(summary.byTask).length).toBe(Object.keys(TASK_WEIGHTS).reduce((sum, name) => sum + getTask(name).levels.length, 0));
    expect(summary.byTask['arithmetic/L5']!).toBeGreaterThan(summary.byTask['arithmetic/L1']!);
    const waits = data.filter((example) => example.completion.includes('Wait, let me check.')).length;
    expect(waits / summary.byKind['solve']!).toBeGreaterThan(0.1);
    expect(waits / summary.byKind['solve']!).toBeLessThan(0.25);
    let wrongChecks = 0;
    for (const example of data) {
      if (example.kind === 'check') {
        wrongChecks += example.completion === 'wrong' ? 1 : 0;
        continue;
      }
      const { answer } = parseCompletion(example.completion);
      expect(getTask(example.task).check(example.prompt, answer!)).toBe(true);
    }
    expect(wrongChecks / summary.byKind['check']!).toBeGreaterThan(0.3);
    expect(wrongChecks / summary.byKind['check']!).toBeLessThan(0.7);
  });

  it('never contains a reserved evaluation problem', () => {
    const keys = new Set(data.map((example) => problemKey(example.task, example.prompt)));
    for (const name of ['arithmetic', 'countdown']) {
      const task = getTask(name);
      for (const seed of EXCLUDED_EVAL_SEEDS) {
        for (const level of task.levels) {
          for (const problem of task.generate({ seed, count: 1000, level }))
            expect(keys.has(problemKey(name, problem.question))).toBe(false);
        }
      }
    }
    // Level 1 arithmetic has only 16,200 problems, so without the exclusion a 1500-example set would likely overlap.
    const easy = buildTrainingData({ task: 'arithmetic', n: 3000, seed: 1, levels: [1], heldOut: false });
    expect(easy.some((example) => example.kind !== 'check' && keysOfEval().has(problemKey('arithmetic', example.prompt)))).toBe(true);
  });

  it('adds close differences at the asked share, still correct and never held out', () => {
    expect(hasCloseDifference('What is 89-85?')).toBe(true);
    expect(hasCloseDifference('412 - 436')).toBe(true);
    expect(hasCloseDifference('89-75')).toBe(false);
    expect(hasCloseDifference('89+85')).toBe(false);
    expect(hasCloseDifference('8-5')).toBe(false);
    expect(hasCloseDifference('412-43')).toBe(false);
    const share = (examples: typeof data) =>
      examples.filter((example) => example.kind === 'solve' && example.task === 'arithmetic' && hasCloseDifference(example.prompt)).length /
      examples.length;
    const drilled = buildTrainingData({ task: 'mix', n: 1500, seed: 3, closeShare: 0.1 });
    expect(share(drilled) - share(data)).toBeGreaterThan(0.07);
    expect(share(drilled) - share(data)).toBeLessThan(0.13);
    const eval1 = keysOfEval();
    for (const example of drilled) {
      if (example.kind === 'check') continue;
      expect(getTask(example.task).check(example.prompt, parseCompletion(example.completion).answer!)).toBe(true);
      if (example.task === 'arithmetic' && example.level === 1) expect(eval1.has(problemKey('arithmetic', example.prompt))).toBe(false);
    }
    // The drill keeps to --levels: none when levels 1-2 are excluded, only level 2 when only it is allowed.
    const hard = buildTrainingData({ task: 'arithmetic', n: 200, seed: 3, levels: [4, 5], closeShare: 0.5 });
    expect(hard.every((example) => example.level >= 4)).toBe(true);
    const two = buildTrainingData({ task: 'arithmetic', n: 200, seed: 3, levels: [2], closeShare: 0.5 });
    expect(two.every((example) => example.level === 2)).toBe(true);
    expect(share(two)).toBeGreaterThan(0.3);
  });

  it('restricts levels and validates options', () => {
    const only = buildTrainingData({ task: 'countdown', n: 40, seed: 2, levels: [2] });
    expect(new Set(only.map((example) => `${example.task}/${example.level}`))).toEqual(new Set(['countdown/2']));
    expect(() => buildTrainingData({ task: 'mix', n: 1, seed: EVAL_SEED })).toThrow(/seed/);
    expect(() => buildTrainingData({ task: 'poetry', n: 1, seed: 1 })).toThrow(/Unknown task/);
    expect(() => buildTrainingData({ task: 'countdown', n: 1, seed: 1, levels: [5] })).toThrow(/level/);
  });
});

function keysOfEval(): Set<string> {
  return new Set(
    getTask('arithmetic')
      .generate({ seed: EVAL_SEED, count: 1000, level: 1 })
      .map((problem) => problemKey('arithmetic', problem.question)),
  );
}
