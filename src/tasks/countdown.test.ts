import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProblemSplit, TaskProblem } from '../spec/task.js';
import {
  countdownAnswerKey,
  countdownOutOfScope,
  countdownTask,
  HELD_OUT_MIN_LARGE,
  isLegalDraw,
  largeCount,
  parseCountdownQuestion,
} from './countdown.js';
import { extractCountdownAnswer, solveCountdown } from './countdown-answer.js';
import { declineCountdown, searchCountdown } from './countdown-trace.js';
import { formatSolve, MAX_EXAMPLE_CHARS, parseCompletion } from './format.js';
import { createRandom } from './random.js';
import { detectTask, listTasks } from './registry.js';
import { checkStep } from './step-check.js';
import { buildTrainingData } from './training-data.js';

const question = 'Use 3, 7, 25, 50 to make 62.';

describe('countdown checker', () => {
  it('accepts alternative valid expressions', () => {
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 71.', '50+25-7+3')).toBe(true);
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 71.', '(50-3)+(25-7)+6-6')).toBe(false);
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 71.', '3+50+25-7')).toBe(true);
    expect(countdownTask.check(question, '(50-25)*3-7-3')).toBe(false); // 3 used twice
    expect(countdownTask.check('Use 2, 4, 6 to make 3.', '6/(4-2)')).toBe(true);
    expect(countdownTask.check('Use 2, 4, 6 to make 12.', '6*2')).toBe(true); // a number may stay unused
  });

  it('rejects reused or foreign numbers, wrong values, inexact division and garbage', () => {
    expect(countdownTask.check(question, '50+3+3+3+3')).toBe(false);
    expect(countdownTask.check(question, '50+12')).toBe(false);
    expect(countdownTask.check(question, '50+25')).toBe(false);
    expect(countdownTask.check('Use 3, 7, 10 to make 5.', '10/3*7')).toBe(false);
    expect(countdownTask.check(question, '-3+50+25-7-3')).toBe(false);
    for (const garbage of ['', 'sixty-two', '62', '50+', 'eval(62)', '50 + 12 = 62'])
      expect(countdownTask.check(question, garbage)).toBe(false);
    expect(countdownTask.check('What is 2+2?', '4')).toBe(false);
  });

  it('lets only solutions vote, all under one key, and keeps the expression as the answer', () => {
    const key = countdownAnswerKey('Use 3, 7, 25, 50 to make 71.');
    expect(key.normalize('50+25-7+3')).toBe('71');
    expect(key.normalize('3+50+25-7')).toBe('71');
    expect(key.normalize('(50-25)*3-7+3')).toBe(''); // 3 used twice
    expect(key.normalize('50+21')).toBe(''); // 21 is not given
    expect(key.normalize('50+25')).toBe(''); // misses the target
    expect(key.equivalent('50+25-7+3', '25+50+3-7')).toBe(true);
    expect(key.equivalent('50+21', '50+21')).toBe(false);
    expect(key.extract('<think>\n</think>\nA: 50+25-7+3')).toBe('50+25-7+3');
    // The engine hands the key the visible text only, without the thinking section.
    expect(key.extract('A: 50+25-7+3')).toBe('50+25-7+3');
  });

  it('accepts "no solution" exactly when no expression makes the target', () => {
    expect(countdownTask.check(question, 'no solution')).toBe(true); // 3, 7, 25, 50 cannot make 62
    expect(countdownTask.check(question, 'It is impossible.')).toBe(true);
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 71.', 'no solution')).toBe(false);
    expect(countdownTask.check(question, '50+7+3+2')).toBe(false); // the README's old example: 2 is not given
  });

  it('parses question variants', () => {
    expect(parseCountdownQuestion('Use 3, 7, 25 and 50 to make 62')).toEqual({ numbers: [3, 7, 25, 50], target: 62 });
    expect(parseCountdownQuestion('use 4 5 6 to reach 26.')).toEqual({ numbers: [4, 5, 6], target: 26 });
    expect(parseCountdownQuestion('Use 1, 2, 3 and 4 to make 24')).toEqual({ numbers: [1, 2, 3, 4], target: 24 });
    expect(parseCountdownQuestion('Using 1, 2, 3, and 4, make 24.')).toEqual({ numbers: [1, 2, 3, 4], target: 24 });
    expect(parseCountdownQuestion('Use the force')).toBeUndefined();
  });
});

const levelOf = (problem: TaskProblem) => problem.level as number;
const drawOf = (problem: TaskProblem) => problem.meta as { numbers: number[]; target: number; solution?: string };
/** Target ranges by level, without and with a large number (the generator's, restated so a change must be deliberate). */
const RANGES: Record<number, [[number, number], [number, number]]> = {
  1: [
    [5, 120],
    [10, 300],
  ],
  2: [
    [10, 300],
    [20, 600],
  ],
  3: [
    [20, 600],
    [100, 999],
  ],
};

describe('countdown generator and search', () => {
  it('is deterministic, and every solvable problem is solved by its search trace', () => {
    for (const level of countdownTask.levels) {
      const problems = countdownTask.generate({ seed: 4, count: 40, level });
      expect(countdownTask.generate({ seed: 4, count: 40, level })).toEqual(problems);
      for (const problem of problems.filter((entry) => entry.unanswerable !== true)) {
        const { numbers, target } = parseCountdownQuestion(problem.question)!;
        expect(numbers.length).toBe(level + 2);
        const search = searchCountdown(numbers, target, createRandom(1), { noise: 0 })!;
        expect(countdownTask.check(problem.question, search.expression)).toBe(true);
        expect(search.lines.join('\n').length).toBeLessThanOrEqual(360);
      }
    }
  });

  it('draws by the rules of the game, and the two splits partition the draw types (property)', () => {
    const options = fc.record({
      seed: fc.integer({ min: 0, max: 2_000_000 }),
      level: fc.constantFrom(1, 2, 3),
      split: fc.constantFrom<ProblemSplit>('train', 'held-out-shapes'),
    });
    let unsolvable = 0;
    fc.assert(
      fc.property(options, ({ seed, level, split }) => {
        for (const problem of countdownTask.generate({ seed, count: 3, level, split })) {
          const { numbers, target, solution } = drawOf(problem);
          expect(parseCountdownQuestion(problem.question)).toEqual({ numbers, target });
          expect(numbers).toHaveLength(levelOf(problem) + 2);
          expect(isLegalDraw(numbers), problem.question).toBe(true);
          const large = largeCount(numbers);
          // Training never sees three or more large numbers; the held-out split only draws those.
          expect(large >= HELD_OUT_MIN_LARGE).toBe(split === 'held-out-shapes');
          const [low, high] = RANGES[level]![large > 0 ? 1 : 0];
          expect(target).toBeGreaterThanOrEqual(low);
          expect(target).toBeLessThanOrEqual(high);
          expect(numbers).not.toContain(target);
          if (problem.unanswerable === true) {
            expect(solution).toBeUndefined();
            // The exhaustive solver, independent of the subset table the generator uses, finds nothing.
            expect(solveCountdown(numbers, target), problem.question).toBeUndefined();
            unsolvable += 1;
            expect(countdownTask.check(problem.question, 'no solution')).toBe(true);
          } else {
            expect(countdownTask.check(problem.question, solution!), `${problem.question} ${solution}`).toBe(true);
            expect(countdownTask.check(problem.question, 'no solution')).toBe(false);
          }
        }
      }),
      { numRuns: 60, seed: 20 },
    );
    expect(unsolvable).toBeGreaterThan(3);
  });

  it('draws two or more large numbers in training, and a small share of unsolvable draws that truly are', () => {
    for (const level of countdownTask.levels) {
      const problems = countdownTask.generate({ seed: 11, count: 300, level });
      const large = problems.map((problem) => largeCount(drawOf(problem).numbers));
      expect(large.filter((count) => count === 2).length).toBeGreaterThan(20);
      expect(large.filter((count) => count === 0).length).toBeGreaterThan(20);
      const unsolvable = problems.filter((problem) => problem.unanswerable === true);
      expect(unsolvable.length / problems.length).toBeGreaterThan(0.04);
      expect(unsolvable.length / problems.length).toBeLessThan(0.12);
      // The exhaustive solver, independent of the subset table the generator uses, finds nothing on them.
      for (const problem of unsolvable.slice(0, level === 3 ? 4 : 12)) {
        const { numbers, target } = drawOf(problem);
        expect(solveCountdown(numbers, target), problem.question).toBeUndefined();
      }
    }
    const heldOut = countdownTask.generate({ seed: 11, count: 100, level: 3, split: 'held-out-shapes' });
    expect(new Set(heldOut.map((problem) => largeCount(drawOf(problem).numbers)))).toEqual(new Set([3, 4]));
    expect(heldOut[0]!.id).toBe('countdown/L3/seed11/held-out-shapes/0');
  });

  it('writes Stream-of-Search traces that backtrack', () => {
    const search = searchCountdown([1, 4, 10, 7], 12, createRandom(5))!;
    expect(search.lines.some((line) => line.endsWith(' no'))).toBe(true);
    expect(search.lines.at(-1)).toMatch(/=12$/);
    expect(countdownTask.check('Use 1, 4, 10, 7 to make 12.', search.expression)).toBe(true);
  });

  it('declines an unsolvable draw after a bounded search of right steps, in a trace that fits the context', () => {
    for (const problem of countdownTask.generate({ seed: 13, count: 400, level: 3 }).filter((entry) => entry.unanswerable === true)) {
      const { numbers, target } = drawOf(problem);
      const declined = declineCountdown(numbers, target, createRandom(target));
      expect(declined.lines.at(-1)).toBe(`cannot make ${target}`);
      expect(declined.lines.length).toBeGreaterThan(3);
      for (const line of declined.lines.slice(0, -1)) expect(checkStep(line), line).toBe(true);
      // It never ends on a branch it opened and did not explore.
      expect(declined.lines.at(-2)).toMatch(/ no$/);
      const { prompt, completion } = formatSolve(problem.question, declined.lines, declined.answer);
      expect((prompt + completion).length).toBeLessThanOrEqual(MAX_EXAMPLE_CHARS);
      expect(countdownTask.check(problem.question, declined.answer)).toBe(true);
      // The engine reads the decline as no answer at all, never as an expression.
      expect(extractCountdownAnswer(completion)).toBeUndefined();
    }
  });
});

describe('countdown training data', () => {
  it('teaches declines on unsolvable draws and never shows a held-out draw type', () => {
    const data = buildTrainingData({ task: 'countdown', n: 600, seed: 2, heldOut: false });
    const declines = data.filter((example) => example.kind !== 'check' && parseCompletion(example.completion).answer === 'no solution');
    expect(declines.length / data.length).toBeGreaterThan(0.03);
    expect(declines.length / data.length).toBeLessThan(0.12);
    expect(declines.some((example) => example.kind === 'solve' && example.completion.includes('cannot make'))).toBe(true);
    for (const example of data) {
      expect(largeCount(parseCountdownQuestion(example.prompt)?.numbers ?? [])).toBeLessThan(HELD_OUT_MIN_LARGE);
      if (example.kind === 'check') continue;
      const { answer } = parseCompletion(example.completion);
      expect(countdownTask.check(example.prompt, answer ?? ''), example.prompt).toBe(true);
    }
  });
});

describe('countdown detection', () => {
  it('owns its questions of both splits and takes none of the other tasks', () => {
    for (const split of ['train', 'held-out-shapes'] as const) {
      for (const problem of countdownTask.generate({ seed: 5, count: 30, split }))
        expect(detectTask(problem.question)?.name).toBe('countdown');
    }
    for (const task of listTasks().filter((entry) => entry.name !== 'countdown')) {
      for (const problem of task.generate({ seed: 5, count: 30 }))
        expect(countdownTask.matches(problem.question), problem.question).toBe(false);
    }
  });
});

describe('countdownOutOfScope', () => {
  it('declines draws beyond the trained ones with a reason, and none of the generated draws', () => {
    expect(countdownOutOfScope('Use 100, 75, 50, 25, 6, 3 to make 952.')).toMatch(/6 numbers/);
    expect(countdownOutOfScope('Use 3, 7, 250 to make 62.')).toMatch(/uses 250/);
    expect(countdownOutOfScope('Use 3, 7, 25 to make 5000.')).toMatch(/asks for 5000/);
    expect(countdownOutOfScope('What is 2+2?')).toBeUndefined();
    for (const split of ['train', 'held-out-shapes'] as const) {
      for (const level of countdownTask.levels) {
        for (const problem of countdownTask.generate({ seed: 6, count: 40, level, split }))
          expect(countdownTask.outOfScope?.(problem.question), problem.question).toBeUndefined();
      }
    }
  });
});
