import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import { bestIndex, majorityIndex, parsePlan, planLabel, type ReplaySample, type RoutePlan, replayPlan } from './plans.js';

const sample = fc.record({
  key: fc.option(fc.constantFrom('1', '2', '3'), { nil: undefined }),
  correct: fc.boolean(),
  tokens: fc.integer({ min: 1, max: 500 }),
  score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
});
// A sample is right exactly when its key is the true answer '1' (the grading a stored run has).
const graded = fc
  .array(sample, { minLength: 1, maxLength: 70 })
  .map((samples) => samples.map((each) => ({ ...each, correct: each.key === '1' })));
const plan: fc.Arbitrary<RoutePlan> = fc.oneof(
  fc.constant<RoutePlan>({ kind: 'single' }),
  fc.constant<RoutePlan>({ kind: 'stop' }),
  fc.integer({ min: 3, max: 80 }).map((samples): RoutePlan => ({ kind: 'vote', samples })),
  fc.integer({ min: 3, max: 80 }).map((maxSamples): RoutePlan => ({ kind: 'adaptive', maxSamples })),
  fc.integer({ min: 3, max: 80 }).map((samples): RoutePlan => ({ kind: 'best', samples })),
);

describe('plan replay', () => {
  it('charges exactly the prefix a plan draws and answers from it', () => {
    fc.assert(
      fc.property(graded, plan, (samples: ReplaySample[], chosen) => {
        const outcome = replayPlan(chosen, samples, mulberry32(1));
        const prefix = samples.slice(0, outcome.samples);
        expect(outcome.tokens).toBe(prefix.reduce((sum, each) => sum + each.tokens, 0));
        if (chosen.kind === 'adaptive') expect(outcome.samples).toBeLessThanOrEqual(Math.min(chosen.maxSamples, samples.length));
        else
          expect(outcome.samples).toBe(
            Math.min(chosen.kind === 'single' ? 1 : chosen.kind === 'stop' ? 2 : chosen.samples, samples.length),
          );
        // Right only when some sample of the prefix was right.
        if (outcome.correct) expect(prefix.some((each) => each.correct)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('votes like self-consistency: the most common answer, ties to the one seen first', () => {
    expect(majorityIndex(['2', '1', '1', '2'])).toBe(0);
    expect(majorityIndex([undefined, '3', '1', '1'])).toBe(2);
    expect(majorityIndex([undefined])).toBe(-1);
    const outcome = replayPlan(
      { kind: 'vote', samples: 4 },
      [
        { key: '2', correct: false, tokens: 10 },
        { key: '1', correct: true, tokens: 10 },
        { key: '1', correct: true, tokens: 10 },
        { key: '2', correct: false, tokens: 10 },
        { key: '1', correct: true, tokens: 10 },
      ],
      mulberry32(1),
    );
    expect(outcome).toEqual({ correct: false, tokens: 40, samples: 4 });
  });

  it('picks like best-of-n: the highest score, ties to the more common answer', () => {
    expect(
      bestIndex([
        { key: 'a', score: 0.2 },
        { key: 'b', score: 0.9 },
        { key: 'a', score: 0.9 },
        { key: 'a', score: 0.1 },
      ]),
    ).toBe(2);
    expect(bestIndex([])).toBe(-1);
  });

  it('stops adaptively once the vote is settled: four agreeing samples, not sixty-four', () => {
    const agreeing = Array.from({ length: 64 }, () => ({ key: '7', correct: true, tokens: 5 }));
    expect(replayPlan({ kind: 'adaptive', maxSamples: 64 }, agreeing, mulberry32(1)).samples).toBe(4);
    const split = Array.from({ length: 64 }, (_, index) => ({ key: String(index % 2), correct: index % 2 === 0, tokens: 5 }));
    expect(replayPlan({ kind: 'adaptive', maxSamples: 32 }, split, mulberry32(1)).samples).toBe(32);
  });

  it('round-trips plan labels and refuses what is not one', () => {
    fc.assert(
      fc.property(plan, (chosen) => {
        expect(parsePlan(planLabel(chosen))).toEqual(chosen);
      }),
      { numRuns: 100 },
    );
    for (const bad of ['vote', 'vote@2', 'best@x', 'adaptive@0', 'all']) expect(() => parsePlan(bad)).toThrow(/Unknown router plan/);
  });
});
