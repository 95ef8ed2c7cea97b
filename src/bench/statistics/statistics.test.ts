import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/mulberry32.js';
import {
  mcnemarExactP,
  median,
  pairedBootstrapInterval,
  passAtK,
  percentile,
  topVoted,
  upperMedian,
  wilsonInterval,
} from './statistics.js';

describe('wilsonInterval', () => {
  it('matches the textbook value for 8 of 10', () => {
    const interval = wilsonInterval(8, 10);
    expect(interval.low).toBeCloseTo(0.4902, 3);
    expect(interval.high).toBeCloseTo(0.9433, 3);
  });
  it('stays inside [0, 1] at the extremes and is uninformative at n = 0', () => {
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(20, 20).high).toBe(1);
    expect(wilsonInterval(20, 20).low).toBeCloseTo(0.8389, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('mcnemarExactP', () => {
  it('is 1 with no discordant pairs and small for a lopsided split', () => {
    expect(mcnemarExactP(0, 0)).toBe(1);
    expect(mcnemarExactP(10, 0)).toBeCloseTo(2 / 1024, 6);
    expect(mcnemarExactP(5, 5)).toBe(1);
  });
});

describe('passAtK', () => {
  it('is the unbiased estimator 1 − C(n−c,k)/C(n,k)', () => {
    expect(passAtK(10, 0, 5)).toBe(0);
    expect(passAtK(10, 1, 1)).toBeCloseTo(0.1, 10);
    expect(passAtK(4, 2, 2)).toBeCloseTo(1 - 1 / 6, 10);
    expect(passAtK(10, 6, 5)).toBe(1);
  });
});

describe('pairedBootstrapInterval', () => {
  it('brackets the mean difference and is reproducible', () => {
    const differences = [1, 1, 0, 0, 1, 0, -1, 1, 0, 1, 1, 0];
    const first = pairedBootstrapInterval(differences, 1000, 3);
    expect(first).toEqual(pairedBootstrapInterval(differences, 1000, 3));
    expect(first.low).toBeLessThan(5 / 12);
    expect(first.high).toBeGreaterThan(5 / 12);
    expect(pairedBootstrapInterval([0, 0, 0])).toEqual({ low: 0, high: 0 });
  });
});

describe('helpers', () => {
  it('median and the seeded generator behave', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    const random = mulberry32(42);
    const values = Array.from({ length: 1000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b) / 1000).toBeGreaterThan(0.45);
  });
});

describe('topVoted', () => {
  it('keeps the first item of each most-voted key, in first-seen order; undefined keys do not vote', () => {
    const items = ['b1', 'a1', 'x', 'a2', 'b2', 'c1'];
    const key = (item: string) => (item === 'x' ? undefined : item[0]);
    expect(topVoted(items, key)).toEqual(['b1', 'a1']);
    expect(topVoted(['a1', 'b1', 'b2'], key)).toEqual(['b1']);
    expect(topVoted(['x'], key)).toEqual([]);
  });

  it('the winner holds the most votes and every winner ties it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined })), (keys) => {
        const counts = new Map<string, number>();
        for (const key of keys) if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
        const top = Math.max(0, ...counts.values());
        const winners = topVoted(keys, (key) => key);
        expect(winners.every((key) => key !== undefined && counts.get(key) === top)).toBe(true);
        expect(winners.length).toBe([...counts.values()].filter((count) => count === top).length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('percentile', () => {
  it('is the nearest rank: p50 of 1..10 is 5, p95 is 10, p0 the smallest, none for no values', () => {
    const values = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.95)).toBe(10);
    expect(percentile(values, 0.91)).toBe(10);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('upperMedian', () => {
  it('takes the higher middle value of an even count, the middle of an odd one, none of an empty list', () => {
    expect(upperMedian([3, 1, 2, 10])).toBe(3);
    expect(upperMedian([5, 1, 4])).toBe(4);
    expect(upperMedian([7])).toBe(7);
    expect(upperMedian([])).toBeUndefined();
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    upperMedian(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is a measured value with at most half below it and more than half at or below it; the median for odd counts', () => {
    const lists = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(lists, (values) => {
        const middle = upperMedian(values);
        if (middle === undefined) return false;
        const half = Math.floor(values.length / 2);
        expect(values).toContain(middle);
        expect(values.filter((value) => value < middle).length).toBeLessThanOrEqual(half);
        expect(values.filter((value) => value <= middle).length).toBeGreaterThan(half);
        expect(middle).toBeGreaterThanOrEqual(median(values));
        if (values.length % 2 === 1) expect(middle).toBe(median(values));
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
