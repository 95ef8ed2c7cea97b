import { describe, expect, it } from 'vitest';
import type { Verifier } from '../spec/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { bestOfN, NO_VERIFIER_WARNING } from './best-of-n.js';
import { weightedBestOfN } from './weighted-best-of-n.js';

const answer = (value: string) => `thinking\nAnswer: ${value}`;
const prefers = (scores: Record<string, number>): Verifier => ({
  name: 'table',
  kind: 'outcome',
  exact: false,
  score: async (_problem, candidate) => ({ value: scores[candidate.answer ?? ''] ?? 0 }),
});

describe('best-of-n', () => {
  it('picks the highest verifier score even against the majority', async () => {
    const model = createScriptedModel({ responses: [answer('1'), answer('1'), answer('2')] });
    const { result, events } = await runStrategy({
      strategy: bestOfN,
      model,
      question: 'q',
      options: { n: 3 },
      verifier: prefers({ '1': 0.3, '2': 0.9 }),
    });
    expect(result.answer).toBe('2');
    expect(events.filter((event) => event.type === 'score')).toHaveLength(3);
  });

  it('falls back to confidence, with a warning, when there is no verifier', async () => {
    const model = createScriptedModel({
      responses: [
        { text: answer('1'), answerConfidence: 0.2 },
        { text: answer('2'), answerConfidence: 0.7 },
      ],
    });
    const { result } = await runStrategy({ strategy: bestOfN, model, question: 'q', options: { n: 2 } });
    expect(result.answer).toBe('2');
    expect(result.details?.warnings).toEqual([{ type: 'other', message: NO_VERIFIER_WARNING }]);
  });

  it('falls back to the majority without verifier or confidence', async () => {
    const model = createScriptedModel({ responses: [answer('1'), answer('2'), answer('2')] });
    const { result } = await runStrategy({ strategy: bestOfN, model, question: 'q', options: { n: 3 } });
    expect(result.answer).toBe('2');
  });
});

describe('weighted-best-of-n', () => {
  it('sums verifier scores per answer: many medium scores beat one high score', async () => {
    const model = createScriptedModel({ responses: [answer('1'), answer('1'), answer('1'), answer('2')] });
    const { result } = await runStrategy({
      strategy: weightedBestOfN,
      model,
      question: 'q',
      options: { n: 4 },
      verifier: prefers({ '1': 0.4, '2': 0.9 }),
    });
    expect(result.answer).toBe('1');
    expect(result.details?.tally).toEqual({ '1': 1.2, '2': 0.9 });
  });
});
