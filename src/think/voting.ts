/**
 * @module Votes: (weighted) tallies over normalized answers and the Adaptive-Consistency stopping posterior
 * (Beta rule for two answers, Dirichlet Monte Carlo for more; Aggarwal et al. 2023).
 */
import { mulberry32 } from '../random/mulberry32.js';
import type { Candidate } from './candidate.js';

/** One answer's votes. */
export interface TallyEntry {
  key: string;
  /** Weighted votes. */
  weight: number;
  count: number;
  /** The candidate that speaks for this answer (highest confidence, then earliest). */
  representative: Candidate;
}

/** Votes per answer, the leader first. */
export interface Tally {
  entries: TallyEntry[];
  leader: TallyEntry | undefined;
  /** Candidates that had an answer. */
  voters: number;
}

/** Tallies candidates with an answer by their vote key; ties on weight go to the higher count, then the earlier answer. */
export function tallyVotes(candidates: readonly Candidate[], weightOf: (candidate: Candidate) => number = () => 1): Tally {
  const byKey = new Map<string, TallyEntry>();
  let voters = 0;
  for (const candidate of candidates) {
    if (candidate.key === undefined) continue;
    voters += 1;
    const weight = Math.max(0, weightOf(candidate));
    const entry = byKey.get(candidate.key);
    if (!entry) {
      byKey.set(candidate.key, { key: candidate.key, weight, count: 1, representative: candidate });
      continue;
    }
    entry.weight += weight;
    entry.count += 1;
    if ((candidate.confidence ?? 0) > (entry.representative.confidence ?? 0)) entry.representative = candidate;
  }
  const entries = [...byKey.values()].sort(
    (left, right) => right.weight - left.weight || right.count - left.count || left.representative.index - right.representative.index,
  );
  return { entries, leader: entries[0], voters };
}

/** The tally as a plain record for the `vote` event. */
export function tallyRecord(tally: Tally): Record<string, number> {
  return Object.fromEntries(tally.entries.map((entry) => [entry.key, round(entry.weight)]));
}

/** Weighted votes rescaled so they sum to the number of voters (the posterior then sees as much evidence as samples drawn). */
export function effectiveCounts(tally: Tally): number[] {
  const total = tally.entries.reduce((sum, entry) => sum + entry.weight, 0);
  if (total <= 0) return tally.entries.map((entry) => entry.count);
  return tally.entries.map((entry) => (entry.weight * tally.voters) / total);
}

/** P(p₁ > p₂) under Beta(a+1, b+1): ∫½¹ xᵃ(1−x)ᵇ dx / ∫₀¹ xᵃ(1−x)ᵇ dx, by Simpson's rule in log space. */
export function betaLeaderProbability(a: number, b: number): number {
  const steps = 2000;
  const logDensity = (x: number) => a * Math.log(Math.max(x, 1e-300)) + b * Math.log(Math.max(1 - x, 1e-300));
  const peak = Math.max(logDensity(0.5), logDensity(a + b === 0 ? 0.5 : a / (a + b)));
  const integrate = (from: number, to: number) => {
    const width = (to - from) / steps;
    let sum = 0;
    for (let step = 0; step <= steps; step += 1) {
      const factor = step === 0 || step === steps ? 1 : step % 2 === 1 ? 4 : 2;
      sum += factor * Math.exp(logDensity(from + step * width) - peak);
    }
    return (sum * width) / 3;
  };
  const upper = integrate(0.5, 1);
  const lower = integrate(0, 0.5);
  return upper / (upper + lower);
}

/** A small seeded generator (mulberry32) so stopping decisions are reproducible. */
export const seededRandom: (seed: number) => () => number = mulberry32;

function gammaSample(shape: number, random: () => number): number {
  // Marsaglia–Tsang; shape < 1 boosted by U^(1/shape).
  if (shape < 1) return gammaSample(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = random() || 1e-12;
      const u2 = random();
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** P(the first count's answer has the largest share) under Dirichlet(counts + 1), by Monte Carlo over the top five answers. */
export function dirichletLeaderProbability(counts: readonly number[], random: () => number, draws = 2000): number {
  const top = counts.slice(0, 5);
  let wins = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    const shares = top.map((count) => gammaSample(count + 1, random));
    if (shares.every((share, index) => index === 0 || (shares[0] as number) >= share)) wins += 1;
  }
  return wins / draws;
}

/** Probability that the current leader is the majority answer: the Beta rule for ≤ 2 answers, the Dirichlet rule otherwise. */
export function leaderProbability(counts: readonly number[], random: () => number): number {
  if (counts.length === 0) return 0;
  if (counts.length <= 2) return betaLeaderProbability(counts[0] ?? 0, counts[1] ?? 0);
  return dirichletLeaderProbability(counts, random);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
