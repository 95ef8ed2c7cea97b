import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression } from './expression.js';
import { evaluateRational, formatMixed, parseRationalAnswer, rational, statesValue } from './rational.js';

describe('rational answers', () => {
  it('round-trips every fraction through the mixed form the scratchpad writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 1, max: 999 }), (numerator, denominator) => {
        const value = rational(BigInt(numerator), BigInt(denominator))!;
        expect(parseRationalAnswer(formatMixed(value))).toEqual(value);
        expect(statesValue(formatMixed(value), value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates exactly and reads the ways people write a quotient', () => {
    expect(formatMixed(evaluateRational(parseExpression('100/7')!)!)).toBe('14 2/7');
    expect(formatMixed(evaluateRational(parseExpression('10/4')!)!)).toBe('2 1/2');
    expect(formatMixed(evaluateRational(parseExpression('3/4-1')!)!)).toBe('-1/4');
    expect(evaluateRational(parseExpression('1/0')!)).toBeUndefined();
    const value = rational(100n, 7n)!;
    expect(statesValue('14 r 2', value, 7)).toBe(true);
    expect(statesValue('14 r 2', value)).toBe(false); // a remainder means nothing without the divisor
    expect(statesValue('14.3', value)).toBe(false); // a decimal needs two places
    expect(statesValue('14.28', value)).toBe(true);
    expect(statesValue('14.29', value)).toBe(true);
    expect(statesValue('14.27', value)).toBe(false);
  });
});
