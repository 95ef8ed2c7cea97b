/** @module Majority@N, best-of-N and pass@N for N = 1 … M, computed by subsampling ONE stored set of M samples per problem. */

import { mulberry32 } from '../../random/mulberry32.js';
import type { SampleRecord, StoredResult } from '../../store/index.js';
import { mean, passAtK, topVoted } from './statistics.js';

/** One N on the curve: accuracies averaged over problems (and over random subsets of size N). */
export interface SamplingCurvePoint {
  n: number;
  /** Expected generated tokens of N samples per problem. */
  meanTokens: number;
  majority: number;
  /** Best-of-N picked by the model's own answer confidence; null when samples carry none. */
  bestOfConfidence: number | null;
  /** Best-of-N picked by the verifier's score; null without scores. Equals pass@N when the verifier is the exact checker. */
  bestOfScore: number | null;
  /** Unbiased pass@N: some sample is correct (an oracle's upper bound). */
  passAt: number;
}

/** The curves from one config's stored samples. */
export interface SamplingCurve {
  config: string;
  /** M: samples per problem the curves subsample from. */
  samplesPerProblem: number;
  problems: number;
  /** Where best-of-N scores came from: an exact checker (an oracle: best-of-N = pass@N), another verifier, or none. */
  scoreSource: 'exact-checker' | 'verifier' | null;
  hasConfidence: boolean;
  subsets: number;
  points: SamplingCurvePoint[];
}

function pickRandom<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Majority vote over the samples' answers (ties broken at random); true when the winning answer is correct. */
export function majorityCorrect(samples: readonly SampleRecord[], random: () => number): boolean {
  const winners = topVoted(samples, (sample) => sample.answer);
  return winners.length > 0 && pickRandom(winners, random).correct;
}

/** The highest-scored sample's correctness (ties broken at random). */
export function bestOfCorrect(
  samples: readonly SampleRecord[],
  scoreOf: (sample: SampleRecord) => number | undefined,
  random: () => number,
): boolean {
  const scored = samples.filter((sample) => scoreOf(sample) !== undefined);
  if (scored.length === 0) return pickRandom(samples, random)?.correct ?? false;
  const top = Math.max(...scored.map((sample) => scoreOf(sample) as number));
  return pickRandom(
    scored.filter((sample) => scoreOf(sample) === top),
    random,
  ).correct;
}

function subset<T>(items: readonly T[], size: number, random: () => number): T[] {
  const copy = [...items];
  for (let index = 0; index < size; index++) {
    const swap = index + Math.floor(random() * (copy.length - index));
    [copy[index], copy[swap]] = [copy[swap] as T, copy[index] as T];
  }
  return copy.slice(0, size);
}

/** N values 1, 2, 4, … up to M, with M itself, plus 40 (self-consistency's usual N) when M exceeds it. */
export function curveSizes(maximum: number): number[] {
  const sizes: number[] = [];
  for (let size = 1; size < maximum; size *= 2) sizes.push(size);
  if (maximum > 40) sizes.push(40);
  sizes.push(maximum);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** Probability that a majority vote over a random size-N subset of these samples is right (estimated from `subsets` draws). */
export function subsampledMajority(samples: readonly SampleRecord[], size: number, subsets: number, random: () => number): number {
  const draws = Array.from({ length: size >= samples.length ? Math.min(subsets, 20) : subsets }, () =>
    subset(samples, Math.min(size, samples.length), random),
  );
  return mean(draws.map((draw) => Number(majorityCorrect(draw, random))));
}

/** Curves for every config whose jobs drew at least `minimumSamples` samples per problem. */
export function samplingCurves(
  results: readonly StoredResult[],
  options: { minimumSamples?: number; subsets?: number; seed?: number } = {},
): SamplingCurve[] {
  const minimumSamples = options.minimumSamples ?? 8;
  const subsets = options.subsets ?? 200;
  const curves: SamplingCurve[] = [];
  for (const config of new Set(results.map((result) => result.config))) {
    const rows = results.filter(
      (result) => result.config === config && result.error === null && result.sampleRecords.length >= minimumSamples,
    );
    if (rows.length === 0) continue;
    // Only fixed-N configs: an adaptive config's sample count depends on the problem, so its subsets would be biased.
    const counts = new Set(
      results.filter((result) => result.config === config && result.error === null).map((result) => result.sampleRecords.length),
    );
    if (counts.size > 1) continue;
    const maximum = Math.min(...rows.map((result) => result.sampleRecords.length));
    const all = rows.flatMap((result) => result.sampleRecords);
    const scored = all.filter((sample) => sample.score !== undefined);
    const exact = scored.every((sample) => sample.score === (sample.correct ? 1 : 0));
    const scoreSource = scored.length === 0 ? null : exact ? 'exact-checker' : 'verifier';
    const hasConfidence = all.some((sample) => sample.confidence !== undefined);
    const random = mulberry32(options.seed ?? 7);
    const points = curveSizes(maximum).map((size) => {
      const perProblem = rows.map((result) => {
        const samples = result.sampleRecords.slice(0, maximum);
        const draws = Array.from({ length: size === maximum ? Math.min(subsets, 20) : subsets }, () => subset(samples, size, random));
        // Majority through the shared helper would redraw subsets; the same draws serve majority and best-of-N here.
        const tokens = mean(samples.map((sample) => sample.tokens ?? 0));
        return {
          tokens: tokens * size,
          majority: mean(draws.map((draw) => Number(majorityCorrect(draw, random)))),
          bestOfConfidence: mean(draws.map((draw) => Number(bestOfCorrect(draw, (sample) => sample.confidence, random)))),
          bestOfScore: mean(draws.map((draw) => Number(bestOfCorrect(draw, (sample) => sample.score, random)))),
          passAt: passAtK(samples.length, samples.filter((sample) => sample.correct).length, size),
        };
      });
      return {
        n: size,
        meanTokens: mean(perProblem.map((entry) => entry.tokens)),
        majority: mean(perProblem.map((entry) => entry.majority)),
        bestOfConfidence: hasConfidence ? mean(perProblem.map((entry) => entry.bestOfConfidence)) : null,
        bestOfScore: scoreSource === null ? null : mean(perProblem.map((entry) => entry.bestOfScore)),
        passAt: mean(perProblem.map((entry) => entry.passAt)),
      };
    });
    curves.push({ config, samplesPerProblem: maximum, problems: rows.length, scoreSource, hasConfidence, subsets, points });
  }
  return curves;
}
