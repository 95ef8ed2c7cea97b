import { describe, expect, it } from 'vitest';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { cot } from './cot.js';
import { direct } from './direct.js';
import { ANSWER_DIRECTLY, THINK_STEP_BY_STEP } from './prompts.js';

describe('direct and cot', () => {
  it('direct asks for no thinking; cot asks for thinking; plain chat models get an instruction', async () => {
    const model = createScriptedModel({ responses: ['Answer: 3'] });
    await runStrategy({ strategy: direct, model, question: 'q' });
    await runStrategy({ strategy: cot, model, question: 'q' });
    expect(model.calls.map((call) => call.thinking)).toEqual([false, true]);
    expect(model.calls[0]?.messages[0]).toEqual({ role: 'system', content: ANSWER_DIRECTLY });
    expect(model.calls[1]?.messages[0]).toEqual({ role: 'system', content: THINK_STEP_BY_STEP });
  });

  it('a natively reasoning model gets the conversation unchanged', async () => {
    const model = createScriptedModel({ responses: [{ reasoning: 'think', text: 'A: 3' }], capabilities: { nativeReasoning: true } });
    const { result } = await runStrategy({ strategy: cot, model, question: 'q' });
    expect(model.calls[0]?.messages).toEqual([{ role: 'user', content: 'q' }]);
    expect(result).toMatchObject({ answer: '3', reasoning: 'think', text: 'A: 3' });
  });
});
