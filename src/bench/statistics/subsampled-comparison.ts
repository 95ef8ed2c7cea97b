/** @module Adaptive strategies against majority@N computed by subsampling a stored larger sample set, paired per problem. */

import { mulberry32 } from '../../random/mulberry32.js';
import type { StoredResult } from '../../store/index.js';
import { subsampledMajority } from './sampling-curves.js';
import { type Interval, mean, pairedBootstrapInterval } from './statistics.js';

/** `config` (e.g. adaptive-consistency with at most N samples) against majority@N subsampled from `reference`'s samples. */
export interface SubsampledComparison {
  config: string;
  reference: string;
  n: number;
  problems: number;
  accuracy: number;
  /** Expected majority@N accuracy (averaged over random subsets of the reference's samples). */
  majorityAccuracy: number;
  /** accuracy − majorityAccuracy, with a 95 % paired-bootstrap interval over problems. */
  difference: number;
  interval: Interval;
  meanSamples: number;
  /** Generated tokens of `config` / expected tokens of N reference samples. */
  tokenRatio: number | null;
}

/** The N an adaptive config may draw at most (`maxSamples`, else `n`), read from its key. */
export function maximumSamplesOf(config: string): number | undefined {
  const match = /[:,]maxSamples=(\d+)/.exec(config) ?? /[:,]n=(\d+)/.exec(config);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Paired comparison on the problems both configs finished, where the reference drew at least N samples. */
export function compareWithSubsampledMajority(
  results: readonly StoredResult[],
  config: string,
  reference: string,
  n: number,
  options: { subsets?: number; seed?: number } = {},
): SubsampledComparison {
  const random = mulberry32(options.seed ?? 11);
  const references = new Map(
    results
      .filter((result) => result.config === reference && result.error === null && result.sampleRecords.length >= n)
      .map((result) => [result.problemId, result]),
  );
  const pairs = results
    .filter((result) => result.config === config && result.error === null && references.has(result.problemId))
    .map((result) => {
      const samples = (references.get(result.problemId) as StoredResult).sampleRecords;
      return {
        correct: Number(result.correct),
        majority: subsampledMajority(samples, n, options.subsets ?? 400, random),
        tokens: result.completionTokens,
        samples: result.samples,
        referenceTokens: n * mean(samples.map((sample) => sample.tokens ?? 0)),
      };
    });
  const referenceTokens = pairs.reduce((sum, pair) => sum + pair.referenceTokens, 0);
  return {
    config,
    reference,
    n,
    problems: pairs.length,
    accuracy: mean(pairs.map((pair) => pair.correct)),
    majorityAccuracy: mean(pairs.map((pair) => pair.majority)),
    difference: mean(pairs.map((pair) => pair.correct - pair.majority)),
    interval: pairedBootstrapInterval(
      pairs.map((pair) => pair.correct - pair.majority),
      2000,
      options.seed ?? 11,
    ),
    meanSamples: mean(pairs.map((pair) => pair.samples)),
    tokenRatio: referenceTokens === 0 ? null : pairs.reduce((sum, pair) => sum + pair.tokens, 0) / referenceTokens,
  };
}

/** Every adaptive-consistency config against every sampling config that drew at least its N samples per problem. */
export function subsampledComparisons(
  results: readonly StoredResult[],
  samplingConfigs: ReadonlyArray<{ config: string; samplesPerProblem: number }>,
): SubsampledComparison[] {
  const adaptive = [...new Set(results.map((result) => result.config))].filter((config) => config.includes('adaptive-consistency'));
  return adaptive.flatMap((config) => {
    const n = maximumSamplesOf(config);
    if (n === undefined) return [];
    return samplingConfigs
      .filter((curve) => curve.config !== config && !curve.config.includes('adaptive') && curve.samplesPerProblem >= n)
      .map((curve) => compareWithSubsampledMajority(results, config, curve.config, n));
  });
}
