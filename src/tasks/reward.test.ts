import { describe, expect, it } from 'vitest';
import { rewardCompletion } from './reward.js';

describe('rewardCompletion', () => {
  it('rewards a correct answer and counts step errors', () => {
    const completion =
      '<think>\n347*8=2786\nWait, let me check.\n347*8=2786 wrong\n347*8=2776\n347*50=17350\n2776+17350=20126\n</think>\nA: 20126';
    expect(rewardCompletion('What is 347*58?', completion)).toEqual({
      reward: 1,
      correct: true,
      formatOk: true,
      answer: '20126',
      checkedSteps: 5,
      wrongSteps: 1,
    });
  });

  it('gives a small format reward to a well-formed wrong answer and none to a broken one', () => {
    expect(rewardCompletion('What is 2+2?', '<think>\n2+2=5\n</think>\nA: 5').reward).toBe(0.1);
    expect(rewardCompletion('What is 2+2?', '<think>\n2+2=4\n2+2=4\n2+').reward).toBe(0);
    expect(rewardCompletion('Use 3, 7, 25, 50 to make 71.', '</think>\nA: 50+25-7+3')).toMatchObject({ reward: 1, correct: true });
    expect(rewardCompletion('Use 3, 7, 25, 50 to make 71.', '</think>\nA: 50+21', 'countdown').correct).toBe(false);
    expect(rewardCompletion('What is the capital of France?', '</think>\nA: Paris').reward).toBe(0.1);
  });

  it('ranks an honest Countdown decline above a wrong expression, and a right decline above both', () => {
    const solvable = 'Use 3, 7, 25, 50 to make 71.';
    const wrongDecline = rewardCompletion(solvable, '<think>\ncannot make 71\n</think>\nA: no solution', 'countdown');
    const wrongExpression = rewardCompletion(solvable, '<think>\n50+25=75\n</think>\nA: 50+25', 'countdown');
    const madeUpNumbers = rewardCompletion(solvable, '<think>\n</think>\nA: 70+1', 'countdown');
    expect(wrongDecline).toMatchObject({ reward: 0.1, correct: false, formatOk: true });
    expect(wrongExpression).toMatchObject({ reward: 0, correct: false, formatOk: true });
    expect(madeUpNumbers.reward).toBe(0);
    // 1, 2 and 3 cannot make 100 (the largest value is (1+2)*3 = 9): declining is the right answer.
    const unsolvable = 'Use 1, 2, 3 to make 100.';
    expect(rewardCompletion(unsolvable, '<think>\ncannot make 100\n</think>\nA: no solution', 'countdown')).toMatchObject({
      reward: 1,
      correct: true,
    });
    expect(rewardCompletion(unsolvable, '<think>\n</think>\nA: 1+2+3', 'countdown').reward).toBe(0);
  });
});
