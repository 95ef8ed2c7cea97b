import { describe, expect, it } from 'vitest';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { RECHECK_REQUEST } from './prompts.js';
import { thinkLonger } from './think-longer.js';

describe('think-longer', () => {
  it('continues the thinking after the model cue via prefix when the backend supports continuation', async () => {
    const model = createScriptedModel({
      capabilities: { continuation: true, nativeReasoning: true, continueThinkingCue: 'Hmm' },
      respond: (_request, call) => [{ reasoning: `step ${call}`, text: `A: ${call === 0 ? 11 : 12}` }],
    });
    const { result } = await runStrategy({ strategy: thinkLonger, model, question: 'q', options: { rounds: 2 } });
    expect(model.calls).toHaveLength(3);
    expect(model.calls[1]?.prefix).toBe('step 0\nHmm\n');
    expect(model.calls[2]?.prefix).toBe('step 0\nHmm\nstep 1\nHmm\n');
    expect(result.answer).toBe('12');
    expect(result.reasoning).toBe('step 0\nHmm\nstep 1\nHmm\nstep 2');
  });

  it('asks a second turn to re-check when continuation is not supported', async () => {
    const model = createScriptedModel({ respond: (_request, call) => [`reasoning ${call}\nAnswer: ${call + 1}`] });
    const { result } = await runStrategy({ strategy: thinkLonger, model, question: 'q', options: { rounds: 1 } });
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.prefix).toBeUndefined();
    expect(model.calls[1]?.messages.at(-1)).toEqual({ role: 'user', content: RECHECK_REQUEST });
    expect(model.calls[1]?.messages.at(-2)?.role).toBe('assistant');
    expect(result.answer).toBe('2');
  });
});
