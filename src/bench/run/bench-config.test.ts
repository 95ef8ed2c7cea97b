import { describe, expect, it } from 'vitest';
import { buildConfigs, configKey, parseStrategySpec, splitStrategyList } from './bench-config.js';

describe('bench configs', () => {
  it('parses strategies with options into stable keys', () => {
    expect(parseStrategySpec('self-consistency:n=40')).toEqual({
      key: 'self-consistency:n=40',
      strategy: 'self-consistency',
      options: { n: 40 },
    });
    expect(parseStrategySpec('best-of-n:temperature=0.8,n=4').key).toBe('best-of-n:n=4,temperature=0.8');
    expect(configKey({ effort: 'low', strategy: 'cot', options: {} })).toBe('effort=low/cot');
  });
  it('splits lists whose options also use commas', () => {
    expect(splitStrategyList('cot,self-consistency:n=4,temperature=1,adaptive-consistency:n=40')).toEqual([
      'cot',
      'self-consistency:n=4,temperature=1',
      'adaptive-consistency:n=40',
    ]);
  });
  it('builds efforts then strategies and rejects unknown names and duplicates', () => {
    expect(buildConfigs({ efforts: 'none,high', strategies: 'cot' }).map((config) => config.key)).toEqual([
      'effort=none',
      'effort=high',
      'cot',
    ]);
    expect(() => buildConfigs({ efforts: 'huge' })).toThrow(/Unknown effort/);
    expect(() => buildConfigs({ strategies: 'magic' })).toThrow(/Unknown strategy/);
    expect(() => buildConfigs({ strategies: 'cot,cot' })).toThrow(/twice/);
    expect(() => parseStrategySpec('cot:n')).toThrow(/name=value/);
  });
  it('takes a per-config budget as budget.<limit>=<value>, part of the key', () => {
    expect(parseStrategySpec('self-consistency:n=64,budget.maxTokens=60000,budget.maxSeconds=900')).toEqual({
      key: 'self-consistency:budget.maxSeconds=900,budget.maxTokens=60000,n=64',
      strategy: 'self-consistency',
      options: { n: 64 },
      budget: { maxTokens: 60000, maxSeconds: 900 },
    });
    expect(() => parseStrategySpec('cot:budget.tokens=5')).toThrow(/budget/);
    expect(() => parseStrategySpec('cot:budget.maxTokens=-5')).toThrow(/whole number/);
    expect(() => parseStrategySpec('cot:budget.maxTokens=1.5')).toThrow(/Bad budget option "budget.maxTokens=1.5".*whole number/);
    expect(() => parseStrategySpec('cot:budget.maxSeconds=0')).toThrow(/number > 0/);
    expect(parseStrategySpec('cot:budget.maxUsd=0.25').budget).toEqual({ maxUsd: 0.25 });
  });
});
