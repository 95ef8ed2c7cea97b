import { describe, expect, it } from 'vitest';
import { costOf, priceOf, setPriceOverrides } from './prices.js';

describe('prices', () => {
  it('knows hosted models by bare or provider-qualified name, dated snapshots included; local models are free', () => {
    expect(priceOf('openai:o1')).toEqual({ inputPerMTok: 15, cachedInputPerMTok: 7.5, outputPerMTok: 60 });
    expect(priceOf('gpt-4o-mini-2024-07-18')?.outputPerMTok).toBe(0.6);
    expect(priceOf('embedded:slowthink-mini')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceOf('openai-compatible:unknown-model')).toBeUndefined();
  });

  it('charges cached prompt tokens at the cached rate and output at the output rate', () => {
    const price = priceOf('deepseek-reasoner');
    expect(costOf({ promptTokens: 1_000_000, cachedTokens: 500_000, completionTokens: 1_000_000 }, price)).toBeCloseTo(
      0.5 * 0.55 + 0.5 * 0.14 + 2.19,
      9,
    );
    expect(costOf({ promptTokens: undefined, completionTokens: undefined }, price)).toBe(0);
  });

  it('lets the config override a price', () => {
    setPriceOverrides({ 'my-model': { inputPerMTok: 1, outputPerMTok: 2 } });
    expect(priceOf('vllm:my-model')).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
  });
});
