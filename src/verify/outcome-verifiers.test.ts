import { describe, expect, it } from 'vitest';
import type { Problem } from '../spec/verifier.js';
import { createVerifier } from './create-verifier.js';

function problemOf(question: string, extra: Partial<Problem> = {}): Problem {
  return { question, messages: [{ role: 'user', content: question }], ...extra };
}

describe('task verifier', () => {
  const verifier = createVerifier('task');

  it('uses the detected task checker on the extracted answer', async () => {
    expect(verifier.exact).toBe(true);
    expect((await verifier.score(problemOf('What is 918-532?'), { text: '<think>\n918-532=386\n</think>\nA: 386' })).value).toBe(1);
    expect((await verifier.score(problemOf('What is 918-532?'), { text: 'A: 396' })).value).toBe(0);
  });

  it('prefers the already extracted answer and accepts any valid countdown expression', async () => {
    const problem = problemOf('Use 12, 4, 100, 6 to make 122.', { task: 'countdown' });
    expect((await verifier.score(problem, { text: 'whatever', answer: '100+12+6+4' })).value).toBe(1);
    expect((await verifier.score(problem, { text: 'whatever', answer: '100+12+6' })).value).toBe(0);
  });

  it('scores 0 with an issue when no task applies or no answer is found', async () => {
    expect((await verifier.score(problemOf('What is the capital of France?'), { text: 'Paris' })).issues?.[0]?.code).toBe('no-task');
    expect((await verifier.score(problemOf('What is 2+2?'), { text: 'no idea' })).issues?.[0]?.code).toBe('no-answer');
  });
});

describe('reference verifier', () => {
  const verifier = createVerifier('reference');

  it('compares with equivalence', async () => {
    const problem = problemOf('Compute half of one.', { reference: '\\frac{1}{2}' });
    expect((await verifier.score(problem, { text: 'so the answer is \\boxed{0.5}' })).value).toBe(1);
    expect((await verifier.score(problem, { text: 'Answer: 0.333' })).value).toBe(0);
  });

  it('flags a missing reference', async () => {
    const score = await verifier.score(problemOf('q'), { text: 'A: 1' });
    expect(score.value).toBe(0);
    expect(score.issues?.[0]?.code).toBe('no-reference');
  });
});

describe('createVerifier', () => {
  it('throws INVALID_ARGUMENT listing the names for an unknown verifier', () => {
    expect(() => createVerifier('oracle')).toThrow(
      expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', hint: expect.stringContaining('judge') }),
    );
  });

  it('needs a model for the judge', () => {
    expect(() => createVerifier('judge')).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'model' }));
  });
});
