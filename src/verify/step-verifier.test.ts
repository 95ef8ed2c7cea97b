import { describe, expect, it } from 'vitest';
import type { Problem } from '../spec/verifier.js';
import { createVerifier } from './create-verifier.js';
import { aggregateStepScores, createStepVerifier, scratchpadLines } from './step-verifier.js';

const problem: Problem = { question: 'What is 347*8+4?', messages: [{ role: 'user', content: 'What is 347*8+4?' }] };

describe('steps verifier', () => {
  it('scores the fraction of checkable scratchpad lines that are right by default', async () => {
    const verifier = createVerifier('steps');
    expect(verifier.kind).toBe('process');
    const right = await verifier.score(problem, { text: '<think>\n347*8=2776\n2776+4=2780\n</think>\nA: 2780' });
    expect(right.value).toBe(1);
    const half = await verifier.score(problem, { text: '<think>\n347*8=2786\n2786+4=2790\n</think>\nA: 2790' });
    expect(half.value).toBe(0.5);
    expect(half.evidence).toContain('first wrong: 347*8=2786');
    expect(half.issues?.[0]?.code).toBe('wrong-step');
  });

  it('counts a mistake the chain itself flags as wrong as a right line (task checker)', async () => {
    const verifier = createVerifier('steps');
    const score = await verifier.score(problem, { text: '', reasoning: '347*8=2786 wrong\n347*8=2776\n2776+4=2780' });
    expect(score.value).toBe(1);
  });

  it('supports min, product and last aggregation', async () => {
    const reasoning = '347*8=2786\n2776+4=2780';
    const score = async (aggregate: 'min' | 'product' | 'last') =>
      (await createVerifier('steps', { steps: { aggregate } }).score(problem, { text: '', reasoning })).value;
    expect(await score('min')).toBe(0);
    expect(await score('product')).toBe(0);
    expect(await score('last')).toBe(1);
    expect(aggregateStepScores([0.9, 0.5], 'product')).toBeCloseTo(0.45);
  });

  it('gives a neutral score when nothing is checkable', async () => {
    const score = await createStepVerifier().score(problem, { text: 'I think the answer is big.' });
    expect(score.value).toBe(0.5);
    expect(score.issues?.[0]?.code).toBe('no-checkable-steps');
  });

  it('accepts a probabilistic checker', async () => {
    const verifier = createStepVerifier({
      checkStep: (line) => (line.includes('=') ? 0.8 : undefined),
      aggregate: 'product',
      exactSteps: false,
    });
    expect((await verifier.score(problem, { text: '', reasoning: 'a=1\nb=2\nprose' })).value).toBeCloseTo(0.64);
  });

  it('rejects an unknown aggregate', () => {
    expect(() => createVerifier('steps', { steps: { aggregate: 'median' as 'min' } })).toThrow(/aggregate/);
  });

  it('reads thinking from reasoning, a think section, or the text', () => {
    expect(scratchpadLines({ text: 'x', reasoning: 'a\n\nb' })).toEqual(['a', 'b']);
    expect(scratchpadLines({ text: '<think>\nc\n</think>\nA: 1' })).toEqual(['c']);
    expect(scratchpadLines({ text: 'd\ne' })).toEqual(['d', 'e']);
  });
});

describe('learned-steps verifier', () => {
  it('asks the model only about checkable lines and aggregates its probabilities', async () => {
    const asked: string[] = [];
    const stepModel = {
      checkStep: async (line: string) => {
        asked.push(line);
        return line.includes('2786') ? 0.1 : 0.9;
      },
    };
    const verifier = createVerifier('learned-steps', { stepModel, steps: { aggregate: 'product' } });
    expect(verifier.exact).toBe(false);
    const score = await verifier.score(problem, { text: '', reasoning: 'Let me multiply.\n347*8=2786\n2776+4=2780' });
    expect(asked).toEqual(['347*8=2786', '2776+4=2780']);
    expect(score.value).toBeCloseTo(0.09);
  });

  it('refuses a model without a learned checkStep', () => {
    expect(() => createVerifier('learned-steps', {})).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT' }));
  });
});
