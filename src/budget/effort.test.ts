import { describe, expect, it } from 'vitest';
import { EFFORTS } from '../spec/index.js';
import { getStrategy } from '../think/index.js';
import { chooseAutoEffort, EFFORT_PLANS, parseEffort, planFor } from './effort.js';

describe('effort table', () => {
  it('maps every effort to a registered strategy and a budget that grows with effort', () => {
    const levels = EFFORTS.filter((effort) => effort !== 'auto');
    let previous = 0;
    for (const effort of levels) {
      const plan = planFor(effort);
      expect(() => getStrategy(plan.strategy)).not.toThrow();
      expect(plan.budget.maxTokens).toBeGreaterThan(previous);
      previous = plan.budget.maxTokens ?? 0;
    }
    expect(EFFORT_PLANS.none.strategy).toBe('direct');
    expect(parseEffort(undefined)).toBe('medium');
    expect(() => parseEffort('ultra')).toThrow(/Unknown effort/);
  });

  it('auto follows the documented rule', () => {
    expect(chooseAutoEffort('Use 3 5 7 to make 22', 'countdown')).toBe('high');
    expect(chooseAutoEffort('What is 12 + 7?', 'arithmetic')).toBe('low');
    expect(chooseAutoEffort('What is 123 * 456 - 78?', 'arithmetic')).toBe('medium');
    expect(chooseAutoEffort('What is 1 + 2 + 3 + 4 + 5?', 'arithmetic')).toBe('high');
    expect(chooseAutoEffort('Why is the sky blue?', undefined)).toBe('low');
    expect(planFor('auto', 'What is 12 + 7?', 'arithmetic').effort).toBe('low');
  });

  it('hands out copies, so callers cannot change the table', () => {
    const plan = planFor('medium');
    plan.options.maxSamples = 999;
    expect(EFFORT_PLANS.medium.options.maxSamples).toBe(5);
  });
});
