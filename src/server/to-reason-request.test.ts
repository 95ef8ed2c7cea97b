import { describe, expect, it } from 'vitest';
import { DEFAULT_EFFORT, EFFORT_PLANS } from '../budget/index.js';
import { parseModelId } from './parse-model-id.js';
import { parseChatCompletionRequest } from './request-schema.js';
import { toReasonRequest } from './to-reason-request.js';

function plan(fields: Record<string, unknown>) {
  const parsed = parseChatCompletionRequest({ model: 'slowthink', messages: [{ role: 'user', content: 'hi' }], ...fields });
  if (parsed instanceof Error) throw parsed;
  return toReasonRequest(parsed.request);
}

describe('parseModelId', () => {
  it('splits an effort suffix only when it names an effort', () => {
    expect(parseModelId('slowthink:high')).toEqual({ model: 'slowthink', effort: 'high' });
    expect(parseModelId('slowthink-mini:ultra')).toEqual({ model: 'slowthink-mini', effort: 'max' });
    expect(parseModelId('openai:gpt-4o')).toEqual({ model: 'openai:gpt-4o', effort: undefined });
    expect(parseModelId('openai:gpt-4o:low')).toEqual({ model: 'openai:gpt-4o', effort: 'low' });
    expect(parseModelId('slowthink')).toEqual({ model: 'slowthink', effort: undefined });
  });
});

describe('effort precedence', () => {
  it('reasoning_effort > reasoning.effort > thinking.type > model suffix > default medium', () => {
    expect(plan({ model: 'slowthink:low', reasoning_effort: 'high', reasoning: { effort: 'minimal' } }).effort).toBe('high');
    expect(plan({ model: 'slowthink:low', reasoning: { effort: 'minimal' }, thinking: { type: 'disabled' } }).effort).toBe('minimal');
    expect(plan({ model: 'slowthink:low', thinking: { type: 'disabled' } }).effort).toBe('none');
    expect(plan({ model: 'slowthink:low', thinking: { type: 'adaptive' } }).effort).toBe('auto');
    expect(plan({ model: 'slowthink:low' }).effort).toBe('low');
    expect(plan({}).effort).toBe('medium');
    expect(plan({ reasoning_effort: null }).effort).toBe('medium');
    expect(plan({ reasoning: { enabled: false } }).effort).toBe('none');
    expect(plan({ chat_template_kwargs: { enable_thinking: false } }).effort).toBe('none');
  });

  it('effort none excludes the reasoning from the response', () => {
    expect(plan({ reasoning_effort: 'none' }).excludeReasoning).toBe(true);
    expect(plan({ reasoning_effort: 'low' }).excludeReasoning).toBe(false);
  });

  it('an explicit reasoning budget without an effort picks the smallest tier that holds it', () => {
    expect(plan({ thinking: { type: 'enabled', budget_tokens: 3000 } }).effort).toBe('low');
    expect(plan({ reasoning: { max_tokens: 500 } }).effort).toBe('minimal');
    expect(plan({ reasoning: { max_tokens: 10_000_000 } }).effort).toBe('max');
  });

  it("reads the tiers from the engine's effort table: each tier's own token budget picks that tier, one more token the next", () => {
    const tiers = ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
    for (const [index, effort] of tiers.slice(0, -1).entries()) {
      const tokens = EFFORT_PLANS[effort].budget.maxTokens ?? 0;
      expect(plan({ reasoning: { max_tokens: tokens } }).effort).toBe(effort);
      expect(plan({ thinking: { type: 'enabled', budget_tokens: tokens + 1 } }).effort).toBe(tiers[index + 1]);
    }
    // The server's own table said 98,304 for xhigh where the engine's says 131,072 (issue #17).
    expect(plan({ reasoning: { max_tokens: 120_000 } }).effort).toBe('xhigh');
  });

  it("with no effort named, the default is the engine table's", () => {
    expect(plan({}).effort).toBe(DEFAULT_EFFORT);
  });
});

describe('budgets', () => {
  it('max_completion_tokens is the outer cap and wins over max_tokens', () => {
    expect(plan({ max_completion_tokens: 300, max_tokens: 900 }).reason.budget).toEqual({ maxTokens: 300 });
    expect(plan({ max_tokens: 900 }).reason.budget).toEqual({ maxTokens: 900 });
    expect(plan({}).reason.budget).toEqual({});
  });

  it('a reasoning budget caps the whole choice, under the outer cap', () => {
    expect(plan({ reasoning: { max_tokens: 2000 } }).reason.budget?.maxTokens).toBe(2000);
    expect(plan({ reasoning: { max_tokens: 2000 }, max_completion_tokens: 1500 }).reason.budget?.maxTokens).toBe(1500);
    expect(plan({ thinking: { type: 'enabled', budget_tokens: 100 }, max_completion_tokens: 2400 }).reason.budget?.maxTokens).toBe(100);
  });

  it('accepts logprobs and top_logprobs (a slowthink engine asks its backends for them)', () => {
    expect(plan({ logprobs: true, top_logprobs: 5 }).n).toBe(1);
  });

  it('the slowthink extension sets strategy, options, task and every limit', () => {
    const planned = plan({
      slowthink: {
        strategy: 'best-of-n',
        options: { n: 4 },
        task: 'arithmetic',
        max_usd: 0.5,
        max_seconds: 20,
        max_calls: 9,
        max_tokens: 5000,
      },
      max_completion_tokens: 8000,
      temperature: 0.7,
      seed: 3,
    });
    expect(planned.reason).toMatchObject({
      strategy: 'best-of-n',
      options: { n: 4 },
      task: 'arithmetic',
      temperature: 0.7,
      seed: 3,
      budget: { maxTokens: 5000, maxUsd: 0.5, maxSeconds: 20, maxCalls: 9 },
    });
  });
});

describe('messages', () => {
  it('keeps multi-turn history, maps text parts, treats null assistant content as empty, ignores echoed reasoning', () => {
    const planned = plan({
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is 2+2?' },
            { type: 'text', text: 'Think.' },
          ],
        },
        { role: 'assistant', content: '4', reasoning_content: 'prior thoughts' },
        { role: 'assistant', content: null },
        { role: 'user', content: 'And 3+3?' },
      ],
    });
    expect(planned.reason.messages).toEqual([
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'What is 2+2?\nThink.' },
      { role: 'assistant', content: '4' },
      { role: 'assistant', content: '' },
      { role: 'user', content: 'And 3+3?' },
    ]);
  });
});
