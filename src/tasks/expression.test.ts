import { describe, expect, it } from 'vitest';
import { evaluateExpression, numbersIn, parseExpression } from './expression.js';

describe('expression', () => {
  it('follows precedence, parentheses and unary minus', () => {
    expect(evaluateExpression('2+3*4')).toBe(14);
    expect(evaluateExpression('(2+3)*4')).toBe(20);
    expect(evaluateExpression('10-4-3')).toBe(3);
    expect(evaluateExpression('-5+3')).toBe(-2);
    expect(evaluateExpression('3-(-33)')).toBe(36);
    expect(evaluateExpression(' 12 * ( 7 + 1 ) ')).toBe(96);
    expect(evaluateExpression('84/7/3')).toBe(4);
  });

  it('rejects garbage, inexact division and division by zero', () => {
    for (const text of ['', '2+', '(2+3', '2+3)', 'eval(1)', '2**3', '1/0', '7/2', '2 3', 'abc', '1e3']) {
      expect(evaluateExpression(text), text).toBeUndefined();
    }
  });

  it('lists the numbers it uses', () => {
    expect(numbersIn(parseExpression('(25-7)*3+50')!)).toEqual([25, 7, 3, 50]);
  });
});
