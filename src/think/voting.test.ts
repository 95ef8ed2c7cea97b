import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.js';
import {
  betaLeaderProbability,
  dirichletLeaderProbability,
  effectiveCounts,
  leaderProbability,
  seededRandom,
  tallyVotes,
} from './voting.js';

const candidate = (index: number, key: string | undefined, confidence?: number): Candidate => ({
  thoughtId: `t${index}`,
  index,
  text: '',
  reasoning: '',
  answer: key,
  key,
  tokens: 1,
  finishReason: 'stop',
  confidence,
});

describe('betaLeaderProbability', () => {
  it('matches the Adaptive-Consistency stop table at 0.95 (smallest stopping leader:runner-up counts)', () => {
    const stops: Array<[number, number]> = [
      [4, 0],
      [6, 1],
      [8, 2],
      [9, 3],
      [11, 4],
      [12, 5],
    ];
    for (const [leader, runnerUp] of stops) {
      expect(betaLeaderProbability(leader, runnerUp)).toBeGreaterThanOrEqual(0.95);
      expect(betaLeaderProbability(leader - 1, runnerUp)).toBeLessThan(0.95);
    }
  });

  it('is exact for 4:0 (1 − 2⁻⁵) and one half for a tie', () => {
    expect(betaLeaderProbability(4, 0)).toBeCloseTo(1 - 1 / 32, 6);
    expect(betaLeaderProbability(3, 3)).toBeCloseTo(0.5, 6);
  });
});

describe('dirichletLeaderProbability', () => {
  it('is high for a clear leader and near chance for a three-way tie', () => {
    const random = seededRandom(1);
    expect(dirichletLeaderProbability([12, 1, 1], random)).toBeGreaterThan(0.95);
    expect(dirichletLeaderProbability([2, 2, 2], random)).toBeLessThan(0.45);
    expect(leaderProbability([], random)).toBe(0);
  });
});

describe('tallyVotes', () => {
  it('weights votes and skips candidates without an answer', () => {
    const tally = tallyVotes(
      [candidate(0, 'a', 0.2), candidate(1, 'a', 0.2), candidate(2, 'b', 0.9), candidate(3, undefined)],
      (entry) => entry.confidence ?? 1,
    );
    expect(tally.voters).toBe(3);
    expect(tally.leader?.key).toBe('b');
    expect(effectiveCounts(tally).reduce((sum, value) => sum + value, 0)).toBeCloseTo(3, 9);
    expect(tallyVotes([candidate(0, 'a'), candidate(1, 'b'), candidate(2, 'b')]).leader?.key).toBe('b');
  });
});
