import { describe, expect, it } from 'vitest';
import { getTask } from '../tasks/index.js';
import { agreementOf, routeFeatures, sizeOf } from './features.js';

describe('route features', () => {
  it('counts binary operators, not signs, and marks multiplication', () => {
    expect(sizeOf('arithmetic', 'What is -3-5?')).toBe('ops1');
    expect(sizeOf('arithmetic', 'What is 59 + -63?')).toBe('ops1');
    expect(sizeOf('arithmetic', '30*5')).toBe('ops1*');
    expect(sizeOf('arithmetic', 'What is 846 - 538 * 71?')).toBe('ops2*');
    expect(sizeOf('arithmetic', 'What is 45 + (887 - 752) * 69?')).toBe('ops3+*');
    expect(sizeOf('arithmetic', 'What is 347*58?')).toBe('ops1*');
  });

  it('counts the numbers a Countdown draw gives, and buckets other questions by length', () => {
    expect(sizeOf('countdown', 'Use 7, 8, 10 to make 52.')).toBe('nums3');
    expect(sizeOf('countdown', 'Use 8, 7, 1, 100, 3 to make 810.')).toBe('nums5');
    expect(sizeOf(undefined, 'Why is the sky blue?')).toBe('short');
    expect(routeFeatures(undefined, 'x'.repeat(80))).toEqual({ task: '*', size: 'long' });
  });

  it('gives every generated level-3..5 arithmetic problem and level-1..3 draw a bucket the table can hold', () => {
    const sizes = new Set<string>();
    for (const level of [3, 4, 5])
      for (const problem of getTask('arithmetic').generate({ seed: 1000001, count: 15, level }))
        sizes.add(sizeOf('arithmetic', problem.question));
    for (const level of [1, 2, 3])
      for (const problem of getTask('countdown').generate({ seed: 1000001, count: 15, level }))
        sizes.add(sizeOf('countdown', problem.question));
    expect([...sizes].every((size) => /^(ops(1|2|3\+)\*?|nums[345])$/.test(size))).toBe(true);
    expect(sizes.size).toBeGreaterThanOrEqual(5);
  });

  it('agrees only when both probes answered the same', () => {
    expect(agreementOf('42', '42')).toBe('agree');
    expect(agreementOf('42', '41')).toBe('disagree');
    expect(agreementOf(undefined, undefined)).toBe('disagree');
  });
});
