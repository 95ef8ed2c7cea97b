import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { TraceEvent } from '../spec/index.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { reason, safeReason, streamReason } from './reason.js';

const chain = (answer: string) => `We add the numbers step by step carefully\nAnswer: ${answer}`;

describe('reason', () => {
  it('votes over samples and accounts usage from the ledger', async () => {
    const model = createScriptedModel({ responses: [chain('42'), chain('41'), chain('42'), chain('42')] });
    const result = await reason({ question: 'What is the answer to everything?', model, strategy: 'self-consistency', options: { n: 4 } });
    expect(result.answer).toBe('42');
    expect(result.samples).toBe(4);
    expect(result.usage.completionTokens).toBe(result.totals.completionTokens);
    expect(result.usage.completionTokens).toBe(4 * 10);
    expect(result.usage.reasoningTokens).toBe(result.usage.completionTokens - 2);
    expect(result.usage.promptTokens).toBe(result.ledger.reduce((sum, entry) => sum + entry.promptTokens, 0));
    expect(result.stoppedBy).toBeNull();
    expect(result.finishReason).toBe('stop');
  });

  it('stops at the token budget and says so', async () => {
    const model = createScriptedModel({ responses: [chain('7')], capabilities: { maxParallel: 1 } });
    const result = await reason({
      question: 'hi there',
      model,
      strategy: 'self-consistency',
      options: { n: 10 },
      budget: { maxTokens: 25 },
    });
    expect(result.stoppedBy).toBe('tokens');
    expect(result.totals.completionTokens).toBeLessThanOrEqual(25);
    expect(result.answer).toBe('7');
  });

  it('stops at the time limit, cutting the call in flight', async () => {
    const model = createScriptedModel({ responses: [chain('3')], delayMs: 40, capabilities: { maxParallel: 1 } });
    const started = Date.now();
    const result = await reason({ question: 'q', model, strategy: 'self-consistency', options: { n: 100 }, budget: { maxSeconds: 0.2 } });
    expect(result.stoppedBy).toBe('seconds');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.samples).toBeGreaterThanOrEqual(1);
    expect(result.samples).toBeLessThan(100);
  });

  it('stops at the dollar limit', async () => {
    const model = createScriptedModel({ responses: [chain('3')], usdPerToken: 0.001, capabilities: { maxParallel: 1 } });
    const result = await reason({ question: 'q', model, strategy: 'self-consistency', options: { n: 100 }, budget: { maxUsd: 0.05 } });
    expect(result.stoppedBy).toBe('usd');
    expect(result.costUsd).toBeCloseTo(0.05, 9);
    expect(result.samples).toBe(5);
  });

  it('effort none answers directly with no reasoning tokens', async () => {
    const model = createScriptedModel({ responses: ['Answer: 12'] });
    const result = await reason({ question: 'What is 5 + 7?', model, effort: 'none' });
    expect(model.calls[0]?.thinking).toBe(false);
    expect(result).toMatchObject({ strategy: 'direct', answer: '12', samples: 1, usage: { completionTokens: 2, reasoningTokens: 0 } });
  });

  it('returns no answer, the limit and the work charged when a limit cuts the only chain', async () => {
    const model = createScriptedModel({ responses: [chain('7')] });
    const result = await reason({ question: 'hi', model, strategy: 'cot', budget: { maxTokens: 3 } });
    expect(result).toMatchObject({ answer: undefined, finishReason: 'length', stoppedBy: 'tokens', strategy: 'cot', calls: 1 });
    expect(result.usage.completionTokens).toBe(3);
    expect(result.warnings.map((warning) => warning.message).join()).toMatch(/tokens limit stopped the request before any answer/);
  });

  it('throws BUDGET_TOO_SMALL, with the empty ledger, when the budget allows no call at all', async () => {
    // The prompt alone (well over 100 tokens at $1 per 1,000) costs more than the $0.05 limit: nothing may be sent.
    const model = createScriptedModel({ responses: [chain('7')], usdPerToken: 1e-3, usdPerPromptToken: 1e-3 });
    const outcome = await safeReason({ question: 'What is 2+2? '.repeat(40), model, strategy: 'cot', budget: { maxUsd: 0.05 } });
    expect(outcome.success).toBe(false);
    if (outcome.success) return;
    expect(outcome.error.code).toBe(ERROR_CODES.BUDGET_TOO_SMALL);
    expect(outcome.error.report).toMatchObject({ strategy: 'cot', stoppedBy: 'usd' });
    expect(outcome.error.report?.totals.calls).toBe(0);
    expect(model.calls).toHaveLength(0);
  });

  it('rejects bad input with stable codes', async () => {
    const model = createScriptedModel({ responses: [chain('1')] });
    await expect(reason({ question: '  ', model })).rejects.toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT });
    await expect(reason({ question: 'q', model, strategy: 'nope' })).rejects.toMatchObject({ code: ERROR_CODES.UNKNOWN_STRATEGY });
    await expect(reason({ question: 'q', model, effort: 'huge' as never })).rejects.toMatchObject({ code: ERROR_CODES.UNKNOWN_EFFORT });
    await expect(reason({ question: 'q', model, budget: { maxTokens: -1 } })).rejects.toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT });
    await expect(reason({ question: 'q', model: 'warp:drive' })).rejects.toMatchObject({ code: ERROR_CODES.UNKNOWN_MODEL });
  });

  it('turns backend failures into MODEL_CALL_FAILED', async () => {
    const model = createScriptedModel({
      respond: () => {
        throw new Error('boom');
      },
    });
    const error = await reason({ question: 'q', model, strategy: 'cot' }).catch((caught: unknown) => caught);
    expect(SlowthinkError.isInstance(error) && error.code).toBe(ERROR_CODES.MODEL_CALL_FAILED);
  });

  it('detects the task and verifies arithmetic by its steps, not by computing the answer', async () => {
    const model = createScriptedModel({ responses: ['5+7=10\nAnswer: 10', '5+7=12\nAnswer: 12', '5+7=10\nAnswer: 10'] });
    const result = await reason({ question: 'What is 5 + 7?', model, strategy: 'best-of-n', options: { n: 3 } });
    expect(result.details?.task).toBe('arithmetic');
    expect(result.answer).toBe('12');
    const scores = result.trace.events.filter((event) => event.type === 'score');
    expect(scores.map((event) => event.type === 'score' && event.value)).toEqual([0, 1, 0]);
  });
});

describe('streamReason', () => {
  it('yields thought events, then the answer, then finish; result resolves', async () => {
    const model = createScriptedModel({ responses: [chain('5')] });
    const stream = streamReason({ question: 'What is 2 + 3?', model, strategy: 'cot' });
    const types: TraceEvent['type'][] = [];
    for await (const event of stream) types.push(event.type);
    const result = await stream.result;
    expect(types[0]).toBe('thought-start');
    expect(types).toContain('thought-delta');
    expect(types.slice(-4)).toEqual(['answer-start', 'answer-delta', 'answer-end', 'finish']);
    expect(result.answer).toBe('5');
  });

  it('yields an error event and rejects on failure', async () => {
    const stream = streamReason({ question: '' });
    const events: TraceEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: ERROR_CODES.INVALID_ARGUMENT })]);
    await expect(stream.result).rejects.toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT });
  });

  it('aborts when the caller aborts, returning the best answer so far', async () => {
    const controller = new AbortController();
    const model = createScriptedModel({ responses: [chain('9')], delayMs: 30, capabilities: { maxParallel: 1 } });
    setTimeout(() => controller.abort(), 100);
    const result = await reason({ question: 'q', model, strategy: 'self-consistency', options: { n: 50 }, signal: controller.signal });
    expect(result.stoppedBy).toBe('abort');
    expect(result.finishReason).toBe('abort');
    expect(result.samples).toBeLessThan(50);
    expect(result.answer).toBe('9');
  });
});
