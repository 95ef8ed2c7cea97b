import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countdownAnswerKey, countdownQuestion, countdownTask } from './countdown.js';
import {
  canMakeCountdown,
  claimsNoSolution,
  countdownAnswerProblem,
  extractCountdownAnswer,
  reachableValues,
  solveCountdown,
} from './countdown-answer.js';
import { evaluateExpression } from './expression.js';

describe('extractCountdownAnswer', () => {
  it.each([
    ['the embedded format', '<think>\n11*4=44 [3,13,44]\n</think>\nA: 11*4-13', '11*4-13'],
    ['an A: line without the thinking section', 'A: 11*4-13', '11*4-13'],
    ['an Answer: line with bold and a full stop', 'I tried.\n**Answer:** 11*4-13.', '11*4-13'],
    ['a tail that states the target', 'Final answer: 11*4-13 = 31', '11*4-13 = 31'],
    ['boxed LaTeX with \\times', 'So \\boxed{11 \\times 4 - 13}', '11 * 4 - 13'],
    ['unicode operators', 'A: 11×4−13', '11*4-13'],
    ['an x between numbers', 'Answer: (11 x 4) - 13', '(11 * 4) - 13'],
    ['a bare last line', 'Let me see.\n11*4-13 = 31', '11*4-13 = 31'],
  ])('%s', (_name, text, expected) => {
    expect(extractCountdownAnswer(text)).toBe(expected);
  });

  it('finds no answer in refusals, "no solution" claims or prose with numbers', () => {
    for (const text of [
      'A: no solution',
      'Answer: It cannot be made from these numbers.',
      "I'm sorry, I can't solve this.",
      'I tried 13 and 31 but gave up',
      'A:',
      '',
    ])
      expect(extractCountdownAnswer(text)).toBeUndefined();
    expect(claimsNoSolution('There is no solution.')).toBe(true);
    expect(claimsNoSolution('11*4-13')).toBe(false);
  });
});

describe('countdownAnswerProblem', () => {
  it('says why an answer is not a solution', () => {
    const numbers = [3, 7, 25, 50];
    expect(countdownAnswerProblem('50+7+3+2', numbers, 62)).toBe('uses 2, which is not given');
    expect(countdownAnswerProblem('50+3+3', numbers, 56)).toBe('uses 3 more often than given');
    expect(countdownAnswerProblem('50+25', numbers, 62)).toBe('makes 75, not 62');
    expect(countdownAnswerProblem('50/3', numbers, 62)).toBe('divides inexactly or by zero');
    expect(countdownAnswerProblem('50+25-7+3 = 72', numbers, 71)).toBe('claims = 72');
    expect(countdownAnswerProblem('50+25-7+3 = 71', numbers, 71)).toBeUndefined();
  });
});

// Random expressions over a random draw: whatever a well-formed expression makes is a solvable target.
const draw = fc.record({
  numbers: fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 2, maxLength: 5 }),
  operators: fc.array(fc.constantFrom('+', '-', '*', '/'), { minLength: 4, maxLength: 4 }),
  used: fc.integer({ min: 2, max: 5 }),
});

describe('countdown checker, key and solver agree (property)', () => {
  it('an expression over the given numbers that makes the target is right, votes, and the solver finds one too', () => {
    fc.assert(
      fc.property(draw, ({ numbers, operators, used }) => {
        const chosen = numbers.slice(0, Math.min(used, numbers.length));
        const expression = chosen.slice(1).reduce((text, value, index) => `(${text})${operators[index]}${value}`, String(chosen[0]));
        const target = evaluateExpression(expression);
        fc.pre(target !== undefined && target > 0);
        const question = countdownQuestion(numbers, target as number);
        expect(countdownTask.check(question, expression)).toBe(true);
        expect(countdownAnswerKey(question).normalize(expression)).toBe(String(target));
        const solution = solveCountdown(numbers, target as number);
        expect(solution).toBeDefined();
        expect(countdownTask.check(question, solution as string)).toBe(true);
        // A number not given, or one more use of a number than given, is never a solution, though the value is the same.
        expect(countdownTask.check(question, `${expression}+997-997`)).toBe(false);
        if (chosen.length === numbers.length) expect(countdownTask.check(question, `${expression}+${chosen[0]}-${chosen[0]}`)).toBe(false);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('the solver proves small draws unsolvable exactly when no listed expression works', () => {
    expect(solveCountdown([3, 7, 25, 50], 62)).toBeUndefined();
    expect(solveCountdown([1, 1], 3)).toBeUndefined();
    expect(solveCountdown([13, 4, 11, 3], 31)).toBeDefined();
    for (const problem of countdownTask.generate({ seed: 7, count: 30 })) {
      const { numbers, target } = problem.meta as { numbers: number[]; target: number };
      expect(countdownTask.check(problem.question, solveCountdown(numbers, target) ?? 'none')).toBe(true);
      expect(solveCountdown(numbers, target) === undefined).toBe(problem.unanswerable === true);
    }
  });
});

describe('reachableValues and canMakeCountdown', () => {
  it('agree with the exhaustive solver on random draws and targets (property)', () => {
    const drawAndTarget = fc.record({
      numbers: fc.array(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constantFrom(25, 50, 75, 100)), { minLength: 1, maxLength: 4 }),
      target: fc.integer({ min: 1, max: 999 }),
    });
    fc.assert(
      fc.property(drawAndTarget, ({ numbers, target }) => {
        expect(reachableValues(numbers).has(target)).toBe(solveCountdown(numbers, target) !== undefined);
        expect(canMakeCountdown(numbers, target)).toBe(solveCountdown(numbers, target) !== undefined);
      }),
      { numRuns: 150, seed: 3 },
    );
  });

  it('counts a bare "none" as a decline, graded by whether the draw is solvable', () => {
    expect(claimsNoSolution('none')).toBe(true);
    expect(claimsNoSolution('None.')).toBe(true);
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 62.', 'none')).toBe(true);
    expect(countdownTask.check('Use 3, 7, 25, 50 to make 71.', 'none')).toBe(false);
    expect(extractCountdownAnswer('<think>\ncannot make 62\n</think>\nA: none')).toBeUndefined();
  });
});
