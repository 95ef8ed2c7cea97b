import { describe, expect, it } from 'vitest';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { selfConsistency } from './self-consistency.js';

describe('drawSamples', () => {
  it('never lets a sample cut mid-generation answer or vote (its last number may be cut short)', async () => {
    // Two finished samples say 125; three cut ones end in "A: 12" — cut short of 125 by an abort or a broken stream.
    const model = createScriptedModel({
      responses: [
        { text: 'x\nA: 12', finishReason: 'abort' },
        { text: 'x\nA: 12', finishReason: 'error' },
        { text: 'x\nA: 12', finishReason: 'abort' },
        'x\nA: 125',
        'x\nA: 125',
      ],
    });
    const { result, events } = await runStrategy({ strategy: selfConsistency, model, question: 'What is 48+77?', options: { n: 5 } });
    expect(result.answer).toBe('125');
    const cut = events.filter((event) => event.type === 'sample-end' && event.finishReason !== 'stop');
    expect(cut).toHaveLength(3);
    for (const event of cut) expect(event).not.toHaveProperty('answer');
  });
});
