import { describe, expect, it } from 'vitest';
import { arithmeticTask, normalizeInteger } from './arithmetic.js';
import { operationCount } from './arithmetic-grammar.js';
import { buildArithmeticTrace, extractArithmeticExpression } from './arithmetic-trace.js';
import { evaluateExpression, parseExpression } from './expression.js';

describe('arithmetic task', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const first = arithmeticTask.generate({ seed: 11, count: 20, level: 3 });
    expect(arithmeticTask.generate({ seed: 11, count: 20, level: 3 })).toEqual(first);
    expect(arithmeticTask.generate({ seed: 12, count: 20, level: 3 })).not.toEqual(first);
    // A shorter request is a prefix of a longer one, so evaluation sets of any size nest.
    expect(arithmeticTask.generate({ seed: 11, count: 5, level: 3 })).toEqual(first.slice(0, 5));
  });

  it('generates problems whose reference answer passes its own checker', () => {
    for (const level of arithmeticTask.levels) {
      for (const problem of arithmeticTask.generate({ seed: 5, count: 100, level })) {
        expect(problem.level).toBe(level);
        expect(arithmeticTask.check(problem.question, problem.answer!)).toBe(true);
        expect(arithmeticTask.check(problem.question, String(Number(problem.answer) + 1))).toBe(false);
      }
    }
  });

  it('checks answers by evaluating the question, never trusting the surface form', () => {
    expect(arithmeticTask.check('What is 347 × 58?', '20126')).toBe(true);
    expect(arithmeticTask.check('(12+7)*3-4', '53')).toBe(true);
    expect(arithmeticTask.check('Compute 21 - 42.', '-21')).toBe(true);
    expect(arithmeticTask.check('Compute 21 - 42.', ' -21 ')).toBe(true);
    expect(arithmeticTask.check('What is 2+2?', '2+2')).toBe(false);
    expect(arithmeticTask.check('What is 2+2?', 'four')).toBe(false);
    expect(arithmeticTask.check('What is the capital of France?', 'Paris')).toBe(false);
    expect(normalizeInteger('+0042')).toBe('42');
    expect(arithmeticTask.answerKey?.equivalent?.('1,234', '1234')).toBe(true);
  });

  it('reads answers as users and other models write them, and nothing from refusals or words', () => {
    const key = arithmeticTask.answerKey!;
    for (const [answer, value] of [
      ['$84$.', '84'],
      ['84 apples', '84'],
      ['12*7 = 84', '84'],
      ['\\boxed{84}', '84'],
      ['**-21**', '-21'],
      ['1,234.', '1234'],
    ])
      expect(normalizeInteger(answer as string)).toBe(value);
    expect(arithmeticTask.check('12 x 7', '84 apples.')).toBe(true);
    expect(arithmeticTask.check('Compute 3*(4+5)', '\\boxed{27}')).toBe(true);
    expect(key.extract?.('<think>\n2+3=5\n</think>\nA: 5')).toBe('5');
    expect(key.extract?.('2 + 3 = 5')).toBe('5');
    expect(key.extract?.('The answer is 84.')).toBe('84');
    expect(key.extract?.('I cannot compute that; try gpt-4o-mini')).toBeUndefined();
    expect(key.extract?.('A: I cannot say')).toBeUndefined();
    expect(key.extract?.('Use version 2')).toBeUndefined();
  });

  it('draws level 1 as one operation and level 5 with long products, in the forms people type', () => {
    for (const problem of arithmeticTask.generate({ seed: 9, count: 100, level: 1 })) {
      const tree = parseExpression(extractArithmeticExpression(problem.question)!)!;
      expect(operationCount(tree), problem.question).toBe(1);
    }
    const level5 = arithmeticTask.generate({ seed: 9, count: 100, level: 5 }).map((problem) => problem.meta?.expression as string);
    expect(level5.some((expression) => /\d{3}\*\d{3}/.test(expression))).toBe(true);
    const forms = arithmeticTask.generate({ seed: 9, count: 300, level: 2 }).map((problem) => problem.question);
    expect(forms.some((question) => question.startsWith('What is '))).toBe(true);
    expect(forms.some((question) => /^\d/.test(question))).toBe(true);
    expect(forms.some((question) => / [+*-] /.test(question))).toBe(true);
    expect(forms.some((question) => /\d\/\d/.test(question))).toBe(true);
    expect(forms.some((question) => /(?:^|[^\d)])-\d/.test(question.replace(/^What is /, '')))).toBe(true);
  });

  it('answers a division with a remainder as a mixed number and accepts every way of writing it', () => {
    expect(arithmeticTask.generate({ seed: 3, count: 200, level: 2 }).some((problem) => / \d+\/\d+$/.test(problem.answer!))).toBe(true);
    for (const answer of ['14 2/7', '100/7', '14 r2', '14 remainder 2', '14.29', '14.2857', '14 R 2'])
      expect(arithmeticTask.check('What is 100/7?', answer), answer).toBe(true);
    for (const answer of ['14', '15', '14 3/7', '14.3', '14 r3', '14.28571428', '2/7'])
      expect(arithmeticTask.check('What is 100/7?', answer), answer).toBe(answer === '14.28571428');
    expect(arithmeticTask.check('What is 84 divided by 7?', '12')).toBe(true);
    expect(arithmeticTask.answerKey?.equivalent?.('100/7', '14 2/7')).toBe(true);
  });
});

describe('arithmetic scratchpad', () => {
  it('decomposes long multiplication by digit', () => {
    const { lines, value } = buildArithmeticTrace(parseExpression('347*58')!);
    expect(lines.map((line) => line.text)).toEqual(['347*58=347*8+347*50', '347*8=2776', '347*50=17350', '2776+17350=20126']);
    expect(lines.map((line) => line.plan === true)).toEqual([true, false, false, false]);
    expect(value).toBe(20126);
    expect(buildArithmeticTrace(parseExpression('58*347')!).lines[1]!.text).toBe('347*8=2776');
    expect(buildArithmeticTrace(parseExpression('347*508')!).lines.map((line) => line.text)).toEqual([
      '347*508=347*8+347*500',
      '347*8=2776',
      '347*500=173500',
      '2776+173500=176276',
    ]);
  });

  it('follows precedence one operation per line', () => {
    const texts = buildArithmeticTrace(parseExpression('(12+7)*3-4')!).lines.map((line) => line.text);
    expect(texts).toEqual(['12+7=19', '19*3=57', '57-4=53']);
    expect(buildArithmeticTrace(parseExpression('5-3*4')!).lines.map((line) => line.text)).toEqual(['3*4=12', '5-12=-7']);
  });

  it('writes every line as an equation that holds', () => {
    for (const problem of arithmeticTask.generate({ seed: 21, count: 300 })) {
      if (!/^-?\d+$/.test(problem.answer!)) continue; // an inexact division: its lines are long division, tested above
      const { lines, value } = buildArithmeticTrace(parseExpression(extractArithmeticExpression(problem.question)!)!);
      expect(String(value)).toBe(problem.answer);
      for (const line of lines) {
        // A plan line is an identity between the product and its partial products; every other line an equation.
        const [left, right] = line.text.split('=') as [string, string];
        if (line.plan) expect(evaluateExpression(right), line.text).toBe(evaluateExpression(left));
        else expect(evaluateExpression(line.expression), line.text).toBe(line.value);
      }
    }
  });
});
