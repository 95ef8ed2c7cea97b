import { describe, expect, it } from 'vitest';
import type { SampleRecord, StoredResult } from '../../store/index.js';
import { storedResult } from '../../testing/stored-result.js';
import { accuracyByGroup, comparePaired, difficultyBin, estimatePassAtOne, levelGroups, summarizeConfigs } from './metrics.js';

function result(
  problemId: string,
  config: string,
  correct: boolean,
  completionTokens: number,
  extra: Partial<StoredResult> = {},
): StoredResult {
  const answer = correct ? 'right' : 'wrong';
  return storedResult({
    problemId,
    config,
    answer,
    correct,
    promptTokens: 100,
    completionTokens,
    reasoningTokens: completionTokens - 5,
    seconds: 1,
    ...extra,
  });
}

const samples = (pattern: string): SampleRecord[] =>
  [...pattern].map((character) => ({
    answer: character === '1' ? 'right' : 'wrong',
    correct: character === '1',
    tokens: 10,
    score: undefined,
    confidence: undefined,
  }));

describe('summarizeConfigs', () => {
  it('counts accuracy, tokens and cost per correct answer, and keeps failed jobs apart', () => {
    const rows = [
      result('a', 'cot', true, 100),
      result('b', 'cot', false, 300),
      result('c', 'cot', true, 200),
      result('d', 'cot', false, 0, { error: 'boom' }),
      result('a', 'none', false, 10),
    ];
    const [cot, none] = summarizeConfigs(rows, ['cot', 'none'], { inputPerMTok: 1, outputPerMTok: 10 });
    expect(cot).toMatchObject({
      n: 3,
      correct: 2,
      errors: 1,
      meanCompletionTokens: 200,
      medianCompletionTokens: 200,
      tokensPerCorrect: 300,
    });
    expect(cot?.accuracy).toBeCloseTo(2 / 3);
    expect(cot?.pricedUsdPerCorrect).toBeCloseTo((300 * 1 + 600 * 10) / 1e6 / 2);
    expect(none).toMatchObject({ n: 1, correct: 0, tokensPerCorrect: null, usdPerCorrect: null });
  });
});

describe('difficulty', () => {
  it('estimates pass@1 from individual samples when any job drew them', () => {
    const rows = [
      result('a', 'sc', true, 1, { sampleRecords: samples('1110') }),
      result('b', 'sc', false, 1, { sampleRecords: samples('0001') }),
    ];
    const estimate = estimatePassAtOne(rows);
    expect(estimate.source).toMatch(/samples/);
    expect(estimate.passAtOne.get('a')).toBe(0.75);
    expect(difficultyBin(estimate.passAtOne.get('b') as number)).toBe('2 (20-40%)');
    expect(difficultyBin(0)).toBe('1 hardest (<20%)');
    expect(difficultyBin(1)).toBe('5 easiest (≥80%)');
  });
  it('falls back to single-try configs, ignoring stronger ones', () => {
    const rows = [result('a', 'effort=none', false, 1), result('a', 'effort=high', true, 1), result('b', 'cot', true, 1)];
    const estimate = estimatePassAtOne(rows);
    expect(estimate.passAtOne.get('a')).toBe(0);
    expect(estimate.passAtOne.get('b')).toBe(1);
  });
  it('groups accuracy by level', () => {
    const rows = [result('a', 'cot', true, 1), result('b', 'cot', false, 1), result('c', 'cot', true, 1)];
    const groups = accuracyByGroup(
      rows,
      levelGroups([
        { id: 'a', task: 't', question: '', level: 1 },
        { id: 'b', task: 't', question: '', level: 2 },
        { id: 'c', task: 't', question: '', level: 2 },
      ]),
    );
    expect(groups.map((group) => [group.group, group.n, group.accuracy])).toEqual([
      ['L1', 1, 1],
      ['L2', 2, 0.5],
    ]);
  });
});

describe('comparePaired', () => {
  it('compares only shared problems, with discordant counts and token ratio', () => {
    const rows = [
      result('a', 'x', true, 100),
      result('b', 'x', true, 100),
      result('c', 'x', false, 100),
      result('a', 'y', false, 400),
      result('b', 'y', true, 400),
      result('c', 'y', false, 400),
      result('d', 'y', true, 400),
    ];
    const comparison = comparePaired(rows, 'x', 'y');
    expect(comparison).toMatchObject({ problems: 3, onlyFirstCorrect: 1, onlySecondCorrect: 0, tokenRatio: 0.25 });
    expect(comparison.difference).toBeCloseTo(1 / 3);
    expect(comparison.interval.low).toBeLessThanOrEqual(comparison.difference);
    expect(comparison.mcnemarP).toBe(1);
  });
});
