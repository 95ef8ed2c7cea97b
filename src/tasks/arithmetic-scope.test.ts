import { describe, expect, it } from 'vitest';
import { arithmeticOutOfScope } from './arithmetic-scope.js';
import { normalizeQuestion } from './format.js';
import { scopeOf } from './registry.js';

const scope = (question: string) => arithmeticOutOfScope(normalizeQuestion(question));

describe('arithmetic scope', () => {
  it('declines what the embedded models were never trained to work, with the reason', () => {
    expect(scope('123456789*987654321')).toMatch(/9-digit number/);
    expect(scope('What is 12345+1?')).toMatch(/5-digit/);
    expect(scope('1000-1')).toMatch(/4-digit number/);
    expect(scope('11988/12')).toBeUndefined();
    expect(scope('100/25')).toMatch(/divides by 25/);
    expect(scope('7/0')).toMatch(/zero/);
    expect(scope('1+2+3+4+5+6')).toMatch(/5 operations/);
    expect(scope('7/2+1')).toMatch(/fraction inside/);
    expect(scope('2^10')).toMatch(/operation/);
    expect(scope('What is 5 mod 3?')).toMatch(/operation/);
    expect(scope('sqrt(16)')).toMatch(/operation/);
    expect(scope('3.5+2')).toMatch(/decimal/);
    expect(scope('4321*987')).toMatch(/4-digit number/);
    expect(scope('987*654+876*543')).toMatch(/not fit/);
    expect(scope('(999+999)*(999+999)')).toMatch(/multiplies a 4-digit by a 4-digit/);
  });

  it('keeps what they were trained on', () => {
    for (const question of ['What is 2+3?', '7 times 8', '100/7', '84 divided by 7', '-5 + 3', '347*58', '649*643', '(12+7)*3-4'])
      expect(scope(question), question).toBeUndefined();
  });

  it('leaves questions that are not arithmetic to the other tasks and the out-of-domain answer', () => {
    expect(scopeOf(normalizeQuestion('What is the capital of France?'))).toEqual({});
    expect(scopeOf(normalizeQuestion('In 2020, 15% of people said yes. Why do you think that happened in the survey?'))).toEqual({});
    expect(scopeOf(normalizeQuestion('2^10')).declined).toMatch(/operation/);
    expect(scopeOf(normalizeQuestion('What is 2+3?')).task?.name).toBe('arithmetic');
  });
});
