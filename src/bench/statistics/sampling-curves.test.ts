import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/mulberry32.js';
import type { SampleRecord, StoredResult } from '../../store/index.js';
import { storedResult } from '../../testing/stored-result.js';
import { bestOfCorrect, curveSizes, majorityCorrect, samplingCurves } from './sampling-curves.js';

const sample = (answer: string | undefined, correct: boolean, score?: number): SampleRecord => ({
  answer,
  correct,
  tokens: 10,
  score,
  confidence: undefined,
});

function row(problemId: string, sampleRecords: SampleRecord[]): StoredResult {
  return storedResult({ problemId, config: 'self-consistency:n=8', completionTokens: 80, samples: sampleRecords.length, sampleRecords });
}

describe('voting helpers', () => {
  it('takes the majority answer and the best-scored sample', () => {
    const random = mulberry32(1);
    expect(majorityCorrect([sample('7', true), sample('8', false), sample('7', true)], random)).toBe(true);
    expect(majorityCorrect([sample('8', false), sample('8', false), sample('7', true)], random)).toBe(false);
    expect(majorityCorrect([sample(undefined, false)], random)).toBe(false);
    expect(bestOfCorrect([sample('8', false, 0.2), sample('7', true, 0.9)], (entry) => entry.score, random)).toBe(true);
    expect(curveSizes(64)).toEqual([1, 2, 4, 8, 16, 32, 40, 64]);
    expect(curveSizes(40)).toEqual([1, 2, 4, 8, 16, 32, 40]);
  });
});

describe('samplingCurves', () => {
  it('subsamples one set of samples into majority@N, best-of-N and pass@N', () => {
    // Problem a: 5 of 8 right → majority rises with N. Problem b: never right. Scores point at the right answers.
    const a = row('a', [
      ...Array.from({ length: 5 }, () => sample('1', true, 0.9)),
      sample('2', false, 0.1),
      sample('3', false, 0.1),
      sample('4', false, 0.1),
    ]);
    const b = row(
      'b',
      Array.from({ length: 8 }, (_, index) => sample(String(index), false, 0.5)),
    );
    const [curve] = samplingCurves([a, b], { subsets: 400 });
    expect(curve).toMatchObject({ samplesPerProblem: 8, problems: 2, scoreSource: 'verifier', hasConfidence: false });
    const first = curve?.points[0];
    const last = curve?.points.at(-1);
    expect(first?.n).toBe(1);
    expect(first?.majority).toBeCloseTo(5 / 16, 1);
    expect(first?.passAt).toBeCloseTo(5 / 16, 10);
    expect(last).toMatchObject({ n: 8, majority: 0.5, bestOfScore: 0.5, bestOfConfidence: null, passAt: 0.5, meanTokens: 80 });
    expect(curve?.points[2]?.bestOfScore).toBeGreaterThan(curve?.points[2]?.majority ?? 1);
  });
  it('recognises an exact checker as the score source (best-of-N is then pass@N)', () => {
    const exact = row('a', [sample('1', true, 1), ...Array.from({ length: 7 }, () => sample('2', false, 0))]);
    const [curve] = samplingCurves([exact]);
    expect(curve?.scoreSource).toBe('exact-checker');
    for (const point of curve?.points ?? []) expect(point.bestOfScore).toBeCloseTo(point.passAt, 1);
  });
  it('skips configs with too few samples', () => {
    expect(samplingCurves([row('a', [sample('1', true)])])).toEqual([]);
  });
});
