import { describe, expect, it } from 'vitest';
import type { Problem } from '../spec/verifier.js';
import { getTask } from '../tasks/index.js';
import { createVerifier } from './create-verifier.js';
import { invalidAnswerWarning } from './outcome-verifiers.js';

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

  it('says why a countdown answer is wrong, and accepts a stated "no solution" only for an unsolvable draw', async () => {
    const unsolvable = problemOf('Use 3, 7, 25, 50 to make 62.');
    const wrong = await verifier.score(unsolvable, { text: 'A: 50+7+3+2' });
    expect(wrong.value).toBe(0);
    expect(wrong.issues).toEqual([{ code: 'wrong-answer', message: 'uses 2, which is not given' }]);
    expect((await verifier.score(unsolvable, { text: 'A: no solution' })).value).toBe(1);
    const solvable = await verifier.score(problemOf('Use 3, 7, 25, 50 to make 65.'), { text: 'A: no solution' });
    expect(solvable.value).toBe(0);
  });

  it('warns about an answer the honest checker rejects, never about arithmetic (its checker is an oracle)', () => {
    const countdown = getTask('countdown');
    expect(invalidAnswerWarning(countdown, 'Use 3, 7, 25, 50 to make 62.', '50+7+3+2')?.message).toBe(
      '50+7+3+2 is not a valid countdown answer: uses 2, which is not given',
    );
    expect(invalidAnswerWarning(countdown, 'Use 3, 7, 25, 50 to make 65.', '50+25-3-7')).toBeUndefined();
    expect(invalidAnswerWarning(getTask('arithmetic'), 'What is 2+2?', '5')).toBeUndefined();
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
