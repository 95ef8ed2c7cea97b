/** The observed failures of issue #12 ("Promises that hold"), each reproduced on the scripted model through `reason()`. */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/index.js';
import { createScriptedChainModel } from '../testing/scripted-chain-model.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { slowthinkFailure } from '../testing/slowthink-failure.js';
import { createVerifier } from '../verify/index.js';
import { reason } from './reason.js';

/** A chain of `words` words that ends with an answer line. */
const chainOf = (words: number, answer = '20126') =>
  `${Array.from({ length: words - 2 }, (_, index) => `w${index}`).join(' ')}\nA: ${answer}`;

describe('issue #12: budgets that hold', () => {
  it('plans a tight token limit as one whole chain, not two fragments (effort max, 300 tokens, a 245-token chain)', async () => {
    const model = createScriptedModel({ responses: [chainOf(245)], capabilities: { maxParallel: 8 } });
    const result = await reason({ question: 'What is 347*58?', model, effort: 'max', budget: { maxTokens: 300 } });
    expect(model.calls[0]?.n).toBe(1);
    expect(model.calls[0]?.maxTokens).toBe(300);
    expect(result).toMatchObject({ answer: '20126', stoppedBy: 'tokens', samples: 1 });
    // 55 tokens left cannot hold another 245-token chain: no fragment is started.
    expect(model.calls).toHaveLength(1);
    expect(result.totals.completionTokens).toBe(245);
  });

  it('charges the work a time limit cut and names the strategy and the limit when no answer came of it', async () => {
    const model = createScriptedModel({ responses: [chainOf(400)], delayMs: 200 });
    const result = await reason({ question: 'What is 912*847?', model, effort: 'max', budget: { maxSeconds: 0.1 } });
    expect(result).toMatchObject({
      answer: undefined,
      finishReason: 'length',
      strategy: 'adaptive-consistency',
      stoppedBy: 'seconds',
      effort: 'max',
    });
    // Half the call's time passed: about half of each sample streamed, and all of it is on the ledger as one call.
    expect(result.totals.calls).toBe(1);
    expect(result.totals.completionTokens).toBeGreaterThan(100);
    expect(result.warnings.map((warning) => warning.message).join()).toMatch(/[1-9]\d* tokens, 1 calls/);
  });

  it('counts the prompt in the dollar cap and charges at the price the model declares', async () => {
    // $1 per 1,000 generated tokens and per 1,000 prompt tokens; the prompt here is 100 tokens ($0.10).
    const model = createScriptedModel({ responses: [chainOf(30, '7')], usdPerToken: 1e-3, usdPerPromptToken: 1e-3, promptTokens: 100 });
    const result = await reason({ question: 'q', model, strategy: 'self-consistency', options: { n: 50 }, budget: { maxUsd: 0.5 } });
    expect(result.costUsd).toBeLessThanOrEqual(0.5);
    expect(result.stoppedBy).toBe('usd');
    // Each call costs $0.10 of prompt (far more than 'q' looks like: the cap learns the backend's count from the first
    // call) + $0.03 per chain: the cap leaves room for 2 calls, not 16 chains.
    expect(result.ledger.every((entry) => entry.costUsd >= 0.1)).toBe(true);
  });

  it('refuses a dollar limit on a model without a price, naming the fix; a local model is free', async () => {
    const unpriced = createScriptedModel({ id: 'openai-compatible:mystery', responses: ['A: 1'] });
    const error = await slowthinkFailure(reason({ question: 'q', model: unpriced, strategy: 'cot', budget: { maxUsd: 0.01 } }));
    expect(error).toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT, param: 'budget.maxUsd' });
    expect(error.hint).toMatch(/price/);
    expect(unpriced.calls).toHaveLength(0);
    const local = createScriptedModel({ responses: ['A: 1'] });
    await expect(reason({ question: 'q', model: local, strategy: 'cot', budget: { maxUsd: 0.01 } })).resolves.toMatchObject({ costUsd: 0 });
  });

  it('charges judge calls on the ledger (phase verify) and holds them to maxCalls', async () => {
    const model = createScriptedModel({
      respond: (request) =>
        Array.from({ length: request.n ?? 1 }, () =>
          request.messages.at(-1)?.content.endsWith('Grade the RESPONSE.') ? 'Fine.\nScore: 9' : 'Because.\nAnswer: 4',
        ),
      capabilities: { maxParallel: 1 },
    });
    const judge = createVerifier('judge', { model });
    const request = { question: 'q', model, strategy: 'best-of-n', options: { n: 1 }, verifier: judge };
    const both = await reason({ ...request, budget: { maxCalls: 2 } });
    expect(model.calls).toHaveLength(2);
    expect(both.totals.calls).toBe(2);
    expect(both.totals.byPhase.verify.calls).toBe(1);
    expect(both.totals.byPhase.verify.completionTokens).toBe(3);
    // One call allowed: the sample takes it and the judge is not called at all.
    const one = await reason({ ...request, budget: { maxCalls: 1 } });
    expect(model.calls).toHaveLength(3);
    expect(one.totals.calls).toBe(1);
    expect(one.answer).toBe('4');
  });

  it('sums prompt tokens over every call (beam sends the prompt with each step)', async () => {
    const model = createScriptedChainModel({
      next: (lines) => (lines.length >= 3 ? '' : `${12 + lines.length}+30=${42 + lines.length}`),
      answer: () => '42',
    });
    const result = await reason({ question: 'What is 12+30?', model, strategy: 'beam', options: { beamWidth: 2, branch: 2 } });
    expect(result.calls).toBeGreaterThan(2);
    expect(result.usage.promptTokens).toBe(result.ledger.reduce((sum, entry) => sum + entry.promptTokens, 0));
    expect(result.usage.promptTokens).toBeGreaterThan(result.ledger[0]?.promptTokens ?? 0);
  });

  it('reports a token cap as tokens, even when the one-call plan also used its call', async () => {
    const model = createScriptedModel({ responses: [chainOf(40)] });
    const result = await reason({ question: 'What is 347*58?', model, effort: 'minimal', budget: { maxTokens: 10 } });
    expect(result).toMatchObject({ strategy: 'cot', stoppedBy: 'tokens', answer: undefined });
  });

  it('asks for logprobs only when the strategy weighs samples by confidence', async () => {
    const model = createScriptedModel({ responses: ['A: 4'], capabilities: { logprobs: true } });
    await reason({ question: 'q', model, strategy: 'cot' });
    expect(model.calls[0]?.logprobs).toBeUndefined();
    await reason({ question: 'q', model, strategy: 'adaptive-consistency', options: { maxSamples: 2 } });
    expect(model.calls.at(-1)?.logprobs).toBe(true);
    const blind = createScriptedModel({ responses: ['A: 4'], capabilities: { logprobs: false } });
    await reason({ question: 'q', model: blind, strategy: 'adaptive-consistency', options: { maxSamples: 2 } });
    expect(blind.calls.every((call) => call.logprobs === undefined)).toBe(true);
  });
});
