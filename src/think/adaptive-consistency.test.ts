import { describe, expect, it } from 'vitest';
import type { Verifier } from '../spec/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { adaptiveConsistency } from './adaptive-consistency.js';

const answer = (value: string) => `working it out\nAnswer: ${value}`;

describe('adaptive-consistency', () => {
  it('stops after four agreeing samples at threshold 0.95 (Beta rule)', async () => {
    const model = createScriptedModel({ responses: [answer('8')], capabilities: { maxParallel: 1 } });
    const { result, events } = await runStrategy({
      strategy: adaptiveConsistency,
      model,
      question: 'q',
      options: { maxSamples: 40, batch: 1 },
    });
    expect(result.samples).toBe(4);
    expect(result.answer).toBe('8');
    expect(result.details?.settled).toBe(true);
    const votes = events.filter((event) => event.type === 'vote');
    expect(votes).toHaveLength(4);
    expect(votes.at(-1)).toMatchObject({ leader: '8', samples: 4 });
  });

  it('keeps sampling while the vote is split, up to maxSamples', async () => {
    const model = createScriptedModel({ responses: [answer('1'), answer('2')], capabilities: { maxParallel: 2 } });
    const { result } = await runStrategy({ strategy: adaptiveConsistency, model, question: 'q', options: { maxSamples: 10, batch: 2 } });
    expect(result.samples).toBe(10);
    expect(result.details?.settled).toBe(false);
    expect(result.stoppedBy).toBeNull();
  });

  it('weights votes by model confidence (CISC): two confident votes beat three unsure ones', async () => {
    const responses = [
      { text: answer('5'), answerConfidence: 0.05 },
      { text: answer('5'), answerConfidence: 0.05 },
      { text: answer('5'), answerConfidence: 0.05 },
      { text: answer('6'), answerConfidence: 0.95 },
      { text: answer('6'), answerConfidence: 0.95 },
    ];
    const model = createScriptedModel({ responses, capabilities: { maxParallel: 5 } });
    const weighted = await runStrategy({ strategy: adaptiveConsistency, model, question: 'q', options: { maxSamples: 5, batch: 5 } });
    expect(weighted.result.answer).toBe('6');
    const plain = await runStrategy({
      strategy: adaptiveConsistency,
      model: createScriptedModel({ responses, capabilities: { maxParallel: 5 } }),
      question: 'q',
      options: { maxSamples: 5, batch: 5, weightByConfidence: false },
    });
    expect(plain.result.answer).toBe('5');
  });

  it('with an exact verifier, keeps sampling past a wrong majority and settles on the verified answer', async () => {
    const exact: Verifier = {
      name: 'exact',
      kind: 'outcome',
      exact: true,
      score: async (_problem, candidate) => ({ value: candidate.answer === '9' ? 1 : 0 }),
    };
    const responses = [answer('8'), answer('8'), answer('8'), answer('8'), answer('8'), answer('9')];
    const model = createScriptedModel({ responses, capabilities: { maxParallel: 1 } });
    const { result } = await runStrategy({
      strategy: adaptiveConsistency,
      model,
      question: 'q',
      verifier: exact,
      options: { maxSamples: 20, batch: 1, weightByVerifier: true },
    });
    expect(result.answer).toBe('9');
    expect(result.samples).toBe(6);
  });

  it('gives a sample without confidence the mean confidence of the others, not full weight', async () => {
    const responses = [{ text: answer('1') }, { text: answer('2'), answerConfidence: 0.6 }, { text: answer('2'), answerConfidence: 0.6 }];
    const model = createScriptedModel({ responses, capabilities: { maxParallel: 3 } });
    const { result } = await runStrategy({ strategy: adaptiveConsistency, model, question: 'q', options: { maxSamples: 3, batch: 3 } });
    expect(result.details?.tally).toEqual({ '1': 0.6, '2': 1.2 });
  });

  it('rejects a threshold outside [0.5, 1]', async () => {
    const model = createScriptedModel({ responses: [answer('1')] });
    await expect(runStrategy({ strategy: adaptiveConsistency, model, question: 'q', options: { threshold: 2 } })).rejects.toMatchObject({
      code: 'ST_INVALID_ARGUMENT',
      param: 'options.threshold',
    });
  });
});
