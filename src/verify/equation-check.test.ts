import { describe, expect, it } from 'vitest';
import { checkEquationLine, evaluateExact } from './equation-check.js';

describe('checkEquationLine', () => {
  it.each([
    ['347*8=2776', true],
    ['347*8=2786', false],
    ['So 347 × 8 = 2776.', true],
    ['12 + 3 = 15 = 5*3', true],
    ['12 + 3 = 15 = 16', false],
    ['1. (25+75)*3 = 300', true],
    ['7/2 = 3.5', true],
    ['1,000 - 1 = 999', true],
    ['99999999999999999*10 = 999999999999999990', true],
    ['99999999999999999*10 = 999999999999999991', false],
    ['5/0 = 1', false],
    ['x = 5', undefined],
    ['5 = 5', undefined],
    ['Wait, let me check.', undefined],
    ['the total is 12', undefined],
  ])('%s → %s', (line, expected) => {
    expect(checkEquationLine(line)).toBe(expected);
  });

  it('evaluates exactly, with precedence and parentheses', () => {
    expect(evaluateExact('2+3*4')).toEqual({ numerator: 14n, denominator: 1n });
    expect(evaluateExact('(2+3)*4')).toEqual({ numerator: 20n, denominator: 1n });
    expect(evaluateExact('-(1/3)+1')).toEqual({ numerator: 2n, denominator: 3n });
    expect(evaluateExact('2+')).toBeUndefined();
    expect(evaluateExact('import os')).toBeUndefined();
  });
});
