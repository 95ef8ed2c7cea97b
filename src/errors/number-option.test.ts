import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from './index.js';
import { checkNumberField, parseNumberOption } from './number-option.js';

function failure(run: () => unknown): SlowthinkError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlowthinkError) return error;
    throw error;
  }
  throw new Error('expected a SlowthinkError');
}

describe('parseNumberOption', () => {
  it('returns undefined for an absent option and the number for a valid one', () => {
    expect(parseNumberOption('n', undefined, { minimum: 1 })).toBeUndefined();
    expect(parseNumberOption('n', '12', { integer: true, minimum: 1 })).toBe(12);
    expect(parseNumberOption('max-usd', '0.05', { minimum: 0, exclusive: true })).toBe(0.05);
  });

  it('names the option and the rule it broke, with the example as hint', () => {
    const error = failure(() => parseNumberOption('max-tokens', '1.5', { integer: true, minimum: 1, example: '4000' }));
    expect(error.code).toBe(ERROR_CODES.INVALID_ARGUMENT);
    expect(error.param).toBe('max-tokens');
    expect(error.message).toBe('--max-tokens must be a whole number ≥ 1, got "1.5"');
    expect(error.hint).toBe('Example: --max-tokens 4000');
  });

  it('rejects empty text, booleans, an exclusive minimum and values above the maximum', () => {
    for (const value of ['', ' ', 'abc', true, 'Infinity']) {
      expect(() => parseNumberOption('seed', value, { integer: true, minimum: 0 })).toThrow(SlowthinkError);
    }
    expect(() => parseNumberOption('max-seconds', '0', { minimum: 0, exclusive: true })).toThrow(/> 0/);
    expect(() => parseNumberOption('temperature', '2.5', { minimum: 0, maximum: 2 })).toThrow(/≤ 2/);
  });

  it('accepts exactly the integers at or above the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -10, max: 10 }), (value, minimum) => {
        const run = () => parseNumberOption('n', String(value), { integer: true, minimum });
        if (value >= minimum) expect(run()).toBe(value);
        else expect(run).toThrow(SlowthinkError);
      }),
      { numRuns: 200 },
    );
  });
});

describe('checkNumberField', () => {
  it('passes an absent field and values in range; names the field and its range otherwise', () => {
    expect(() => checkNumberField(undefined, 'n', { integer: true, minimum: 1 })).not.toThrow();
    expect(() => checkNumberField(2, 'temperature', { minimum: 0, maximum: 2 })).not.toThrow();
    const error = failure(() => checkNumberField(0, 'n', { integer: true, minimum: 1 }));
    expect([error.code, error.param, error.message]).toEqual([
      ERROR_CODES.INVALID_ARGUMENT,
      'n',
      'Expected `n` to be an integer ≥ 1, got 0',
    ]);
    expect(failure(() => checkNumberField(2.5, 'temperature', { minimum: 0, maximum: 2 })).message).toBe(
      'Expected `temperature` to be a number in [0, 2], got 2.5',
    );
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1.5, -1]) {
      expect(() => checkNumberField(value, 'seed', { integer: true, minimum: 0 })).toThrow(SlowthinkError);
    }
  });
});
