/** @module Small, pure statistics for benchmark results: intervals, paired tests, unbiased pass@k, majority vote. */
import { mulberry32 } from '../../random/mulberry32.js';

/** A closed interval. */
export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for k successes in n trials (95 % by default); [0, 1] when n is 0. */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): Interval {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The majority vote: the first item of each most-voted key, in first-seen order (items whose key is undefined do not
 * vote; empty when none does). One winner: take `[0]` (ties go to the earliest) or pick among them.
 */
export function topVoted<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const votes = new Map<string, { count: number; first: T }>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const entry = votes.get(key) ?? { count: 0, first: item };
    entry.count++;
    votes.set(key, entry);
  }
  const top = Math.max(0, ...[...votes.values()].map((entry) => entry.count));
  return [...votes.values()].filter((entry) => entry.count === top).map((entry) => entry.first);
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Median; 0 for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Upper median: the middle value, or the higher of the two middle ones for an even count (always a measured value);
 * undefined for an empty list. The measure-* scripts' published latencies use it.
 */
export function upperMedian(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Nearest-rank percentile (`fraction` 0.95 for p95) of values sorted ascending; undefined for an empty list. */
export function percentile(sorted: readonly number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1))];
}

/** 95 % percentile-bootstrap interval of the mean of paired differences (resampling problems). */
export function pairedBootstrapInterval(differences: readonly number[], iterations = 2000, seed = 1): Interval {
  if (differences.length === 0) return { low: 0, high: 0 };
  const random = mulberry32(seed);
  const means: number[] = [];
  for (let iteration = 0; iteration < iterations; iteration++) {
    let sum = 0;
    for (let index = 0; index < differences.length; index++) sum += differences[Math.floor(random() * differences.length)] as number;
    means.push(sum / differences.length);
  }
  means.sort((a, b) => a - b);
  return { low: means[Math.floor(0.025 * (iterations - 1))] as number, high: means[Math.ceil(0.975 * (iterations - 1))] as number };
}

function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let index = 1; index <= k; index++) sum += Math.log(n - k + index) - Math.log(index);
  return sum;
}

/** Exact two-sided McNemar p-value from the discordant counts (b: only A right, c: only B right). */
export function mcnemarExactP(onlyFirst: number, onlySecond: number): number {
  const total = onlyFirst + onlySecond;
  if (total === 0) return 1;
  const smaller = Math.min(onlyFirst, onlySecond);
  let tail = 0;
  for (let k = 0; k <= smaller; k++) tail += Math.exp(logChoose(total, k) - total * Math.LN2);
  return Math.min(1, 2 * tail);
}

/** Unbiased pass@k from n samples of which c are correct (Chen et al. 2021): 1 − C(n−c, k) / C(n, k). */
export function passAtK(samples: number, correct: number, k: number): number {
  if (samples - correct < k) return 1;
  return 1 - Math.exp(logChoose(samples - correct, k) - logChoose(samples, k));
}
