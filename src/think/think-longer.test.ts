import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedModel } from '../models/embedded.js';
import type { Model } from '../spec/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { countScriptedTokens, createScriptedModel } from '../testing/scripted-model.js';
import { createAnswerKey, createVerifier } from '../verify/index.js';
import { RECHECK_REQUEST } from './prompts.js';
import { thinkLonger } from './think-longer.js';

const continuing = { continuation: true, nativeReasoning: true, continueThinkingCue: 'Hmm' } as const;

describe('think-longer', () => {
  it('continues the thinking after the model cue via prefix when the backend supports continuation', async () => {
    const model = createScriptedModel({
      capabilities: continuing,
      respond: (_request, call) => [{ reasoning: `step ${call}`, text: `A: ${call === 0 ? 11 : 12}` }],
    });
    const { result } = await runStrategy({ strategy: thinkLonger, model, question: 'q', options: { rounds: 2 } });
    expect(model.calls).toHaveLength(3);
    expect(model.calls[1]?.prefix).toBe('step 0\nHmm\n');
    expect(model.calls[2]?.prefix).toBe('step 0\nHmm\nstep 1\nHmm\n');
    expect(result.answer).toBe('12'); // two rounds of three say 12
    expect(result.reasoning).toMatch(/^step 0\nHmm\nstep 1\nHmm\nstep 2\n\nRounds: 11 · 12 · 12 → 12$/);
  });

  it('asks a second turn to re-check when continuation is not supported', async () => {
    const model = createScriptedModel({ respond: (_request, call) => [`reasoning ${call}\nAnswer: ${call + 1}`] });
    const { result } = await runStrategy({ strategy: thinkLonger, model, question: 'q', options: { rounds: 1 } });
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.prefix).toBeUndefined();
    expect(model.calls[1]?.messages.at(-1)).toEqual({ role: 'user', content: RECHECK_REQUEST });
    expect(model.calls[1]?.messages.at(-2)?.role).toBe('assistant');
    expect(result.details?.answers).toEqual(['1', '2']);
  });

  it('does not let a last round that breaks a right answer win: the verifier decides across rounds', async () => {
    // Round 0 computes 347*58 right; round 1 "re-checks" into a wrong line and a wrong answer (the observed 20126 → 27767).
    const model = createScriptedModel({
      capabilities: continuing,
      respond: (_request, call) =>
        call === 0
          ? [{ reasoning: '347*8=2776\n347*50=17350\n2776+17350=20126', text: 'A: 20126' }]
          : [{ reasoning: '347*50=17760\n2776+17760=20536', text: 'A: 20536' }],
    });
    const { result } = await runStrategy({
      strategy: thinkLonger,
      model,
      question: 'What is 347*58?',
      options: { rounds: 1 },
      verifier: createVerifier('steps', { steps: { aggregate: 'min' } }),
    });
    expect(result.details?.answers).toEqual(['20126', '20536']);
    expect(result.answer).toBe('20126');
    expect(result.details?.chosenRound).toBe(0);
  });

  it('sizes its rounds from the token budget instead of a fixed count', async () => {
    const respond = () => [{ reasoning: 'w '.repeat(48), text: 'A: 5' }]; // 50 tokens a round (one per word)
    const rounds = async (maxTokens: number) => {
      const model = createScriptedModel({ capabilities: continuing, respond });
      const { result, totals } = await runStrategy({
        strategy: thinkLonger,
        model,
        question: 'q',
        options: { rounds: 20 },
        limits: { maxTokens },
      });
      expect(totals.completionTokens).toBeLessThanOrEqual(maxTokens);
      return result.details?.rounds as number;
    };
    const small = await rounds(120);
    const large = await rounds(600);
    expect(small).toBeGreaterThanOrEqual(1);
    expect(large).toBeGreaterThan(small + 3);
  });

  it('stops before the continuation outgrows the model context', async () => {
    const model = createScriptedModel({
      capabilities: { ...continuing, contextLength: 512 },
      respond: () => [{ reasoning: 'w '.repeat(98), text: 'A: 5' }], // 100 tokens a round, growing the prefix
    });
    const { result } = await runStrategy({ strategy: thinkLonger, model, question: 'q', options: { rounds: 20 } });
    expect(result.details?.roundsEnd).toBe('context');
    expect(model.calls.length).toBeGreaterThan(2);
    for (const call of model.calls.slice(1)) {
      expect(call.maxTokens).toBeDefined();
      expect(countScriptedTokens(call.prefix ?? '') + (call.maxTokens ?? 0)).toBeLessThanOrEqual(512);
    }
  });
});

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');
describe.skipIf(!existsSync(shipped))('think-longer on the embedded model', () => {
  let model: Model | undefined;
  afterAll(async () => model?.close?.());

  it('never overflows the 512-token context and answers from a decided round, with rounds sized by the budget', async () => {
    model = await createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 1 });
    const question = 'What is 347*58?';
    const verifier = createVerifier('steps');
    const answers = createAnswerKey();
    for (const [seed, maxTokens] of [
      [1, 2000],
      [2, 400],
    ] as const) {
      const { result, totals } = await runStrategy({
        strategy: thinkLonger,
        model,
        question,
        seed,
        options: { rounds: 10 },
        limits: { maxTokens },
        verifier,
        answers,
      });
      expect(totals.completionTokens).toBeLessThanOrEqual(maxTokens);
      const details = result.details as { answers: Array<string | null>; chosenRound: number; roundsEnd: string };
      expect(['context', 'budget', 'rounds']).toContain(details.roundsEnd);
      expect(result.answer).toBe(details.answers[details.chosenRound] ?? undefined);
    }
  }, 60_000);
});
