import { describe, expect, it } from 'vitest';
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
});
