import { describe, expect, it } from 'vitest';
import { scoreRolloutLines } from './score-rollout-lines.js';

describe('scoreRolloutLines', () => {
  it('adds reward fields to each rollout and keeps the others', () => {
    const rows = scoreRolloutLines([
      JSON.stringify({ prompt: 'What is 2+3?\n', completion: '<think>\n2+3=5\n</think>\nA: 5', group: 7 }),
      '',
      JSON.stringify({ prompt: 'Use 2, 3, 4 to make 14.\n', completion: '</think>\nA: 2+3*4', task: 'countdown' }),
      JSON.stringify({ prompt: 'What is 2+3?\n', completion: '<think>\n2+3=6\n</think>\nA: 6' }),
    ]);
    expect(rows.map((row) => [row['reward'], row['correct'], row['wrongSteps']])).toEqual([
      [1, true, 0],
      [1, true, 0],
      [0.1, false, 1],
    ]);
    expect(rows[0]!['group']).toBe(7);
  });

  it('names the broken line', () => {
    expect(() => scoreRolloutLines(['{"prompt": "x"}'])).toThrow(/line 1/);
    expect(() => scoreRolloutLines(['', 'not json'])).toThrow(/line 2/);
  });
});
