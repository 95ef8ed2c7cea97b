import { describe, expect, it } from 'vitest';
import { splitThinking } from './candidate.js';

describe('splitThinking', () => {
  it('splits at the last answer line, in each form the tasks read answers from', () => {
    for (const answer of ['A: 12', 'Answer: 12', '**Final answer:** 12', '- answer: 12', '**Answer**: 12']) {
      expect(splitThinking({ text: `3*4 = 12\nso it is 12\n${answer}` })).toEqual({ reasoning: '3*4 = 12\nso it is 12', text: answer });
    }
  });

  it('keeps native reasoning and <think> blocks, and has no thinking without an answer line', () => {
    expect(splitThinking({ text: 'A: 1', reasoning: 'r' })).toEqual({ reasoning: 'r', text: 'A: 1' });
    expect(splitThinking({ text: '<think>a\nb</think>\nA: 2' })).toEqual({ reasoning: 'a\nb', text: 'A: 2' });
    expect(splitThinking({ text: 'just prose\nmore prose' })).toEqual({ reasoning: '', text: 'just prose\nmore prose' });
  });
});
