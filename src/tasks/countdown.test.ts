import { describe, expect, it } from 'vitest';
import { countdownAnswerKey, countdownTask, parseCountdownQuestion } from './countdown.js';
import { searchCountdown } from './countdown-trace.js';
import { createRandom } from './random.js';

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

describe('countdown generator and search', () => {
  it('is deterministic and every problem is solved by its search trace', () => {
    for (const level of countdownTask.levels) {
      const problems = countdownTask.generate({ seed: 4, count: 40, level });
      expect(countdownTask.generate({ seed: 4, count: 40, level })).toEqual(problems);
      for (const problem of problems) {
        const { numbers, target } = parseCountdownQuestion(problem.question)!;
        expect(numbers.length).toBe(level + 2);
        const search = searchCountdown(numbers, target, createRandom(1), { noise: 0 })!;
        expect(countdownTask.check(problem.question, search.expression)).toBe(true);
        expect(search.lines.join('\n').length).toBeLessThanOrEqual(360);
      }
    }
  });

  it('writes Stream-of-Search traces that backtrack', () => {
    const search = searchCountdown([1, 4, 10, 7], 12, createRandom(5))!;
    expect(search.lines.some((line) => line.endsWith(' no'))).toBe(true);
    expect(search.lines.at(-1)).toMatch(/=12$/);
    expect(countdownTask.check('Use 1, 4, 10, 7 to make 12.', search.expression)).toBe(true);
  });
});
