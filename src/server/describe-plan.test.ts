import { describe, expect, it } from 'vitest';
import { reason } from '../engine/index.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { describePlan } from './describe-plan.js';
import type { PlannedRequest } from './to-reason-request.js';

function planned(effort: PlannedRequest['effort'], question: string, strategy?: string): PlannedRequest {
  return {
    reason: { messages: [{ role: 'user', content: question }], effort, ...(strategy ? { strategy } : {}) },
    modelId: 'slowthink',
    modelName: 'slowthink',
    effort,
    n: 1,
    stream: true,
    includeUsage: false,
    excludeReasoning: false,
  };
}

describe('describePlan', () => {
  it('names the effort, the strategy and what it buys, from the engine effort table', () => {
    expect(describePlan(planned('medium', 'What is 2+2?'))).toBe(
      'Effort medium → adaptive-consistency: vote over up to 5 chains, stop as soon as the vote is settled',
    );
    expect(describePlan(planned('low', 'hi', 'best-of-n'))).toBe('Effort low → best-of-n');
    expect(describePlan(planned('auto', 'hi'))).toMatch(/^Effort auto → low → cot/);
  });

  it('names the effort and strategy the engine then runs, for auto on every task and on a question past 4 KiB', async () => {
    const model = createScriptedModel({ responses: ['A: 4'] });
    const questions = [
      'What is 2+2?',
      'What is 12*(3+4)-5*6+7?',
      'Use 3, 5, 7 to make 22.',
      `Tell me about ${'this '.repeat(1000)}.`,
      'What is 123456*7?',
    ];
    for (const question of questions) {
      for (const effort of ['auto', 'low', 'high'] as const) {
        const line = describePlan(planned(effort, question));
        const result = await reason({ messages: [{ role: 'user', content: question }], effort, model, budget: { maxCalls: 1 } });
        const named = effort === 'auto' ? `auto → ${result.effort}` : result.effort;
        expect(line, question).toMatch(new RegExp(`^Effort ${named} → ${result.strategy}(:|$)`));
      }
    }
  });

  it('is undefined where the engine would refuse the request (an empty question, an unknown task)', () => {
    expect(describePlan(planned('low', '   '))).toBeUndefined();
    expect(
      describePlan({ ...planned('low', 'hi'), reason: { messages: [{ role: 'user', content: 'hi' }], task: 'nope' } }),
    ).toBeUndefined();
  });
});
