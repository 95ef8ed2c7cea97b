import { describe, expect, it } from 'vitest';
import type { SampleRecord, StoredResult } from '../../store/index.js';
import { storedResult } from '../../testing/stored-result.js';
import { compareWithSubsampledMajority, maximumSamplesOf, subsampledComparisons } from './subsampled-comparison.js';

const sample = (correct: boolean): SampleRecord => ({
  answer: correct ? 'right' : 'wrong',
  correct,
  tokens: 10,
  score: undefined,
  confidence: undefined,
});

function row(problemId: string, config: string, correct: boolean, sampleRecords: SampleRecord[], completionTokens: number): StoredResult {
  return storedResult({ problemId, config, correct, completionTokens, samples: Math.max(1, sampleRecords.length), sampleRecords });
}

describe('compareWithSubsampledMajority', () => {
  it('pairs each problem with its expected majority@N and prices N reference samples', () => {
    // a: all 8 right → majority@4 = 1; b: all wrong → 0. Adaptive gets a right with 4 samples, b wrong with 8.
    const results = [
      row(
        'a',
        'self-consistency:n=8',
        true,
        Array.from({ length: 8 }, () => sample(true)),
        80,
      ),
      row(
        'b',
        'self-consistency:n=8',
        false,
        Array.from({ length: 8 }, () => sample(false)),
        80,
      ),
      row('a', 'adaptive-consistency:maxSamples=4', true, [], 40),
      row('b', 'adaptive-consistency:maxSamples=4', false, [], 40),
    ];
    const comparison = compareWithSubsampledMajority(results, 'adaptive-consistency:maxSamples=4', 'self-consistency:n=8', 4);
    expect(comparison).toMatchObject({ problems: 2, accuracy: 0.5, majorityAccuracy: 0.5, difference: 0, tokenRatio: 1 });
    expect(maximumSamplesOf('adaptive-consistency:maxSamples=40,threshold=0.95')).toBe(40);
    expect(maximumSamplesOf('adaptive-consistency:n=16')).toBe(16);
    const all = subsampledComparisons(results, [{ config: 'self-consistency:n=8', samplesPerProblem: 8 }]);
    expect(all.map((entry) => `${entry.config} vs ${entry.reference}@${entry.n}`)).toEqual([
      'adaptive-consistency:maxSamples=4 vs self-consistency:n=8@4',
    ]);
    expect(subsampledComparisons(results, [{ config: 'self-consistency:n=8', samplesPerProblem: 2 }])).toEqual([]);
  });
});
