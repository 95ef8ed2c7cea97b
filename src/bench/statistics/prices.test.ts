/** `--price` names read the models' one price table (issue #17: two tables had drifted apart). */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../errors/index.js';
import { DEFAULT_PRICES, priceOf } from '../../models/prices.js';
import { NAMED_PRICES, parsePrice } from './prices.js';

describe('parsePrice', () => {
  it('prices every named model as the model registry does, deepseek-r1 as deepseek-reasoner', () => {
    for (const name of Object.keys(NAMED_PRICES)) {
      const { inputPerMTok, outputPerMTok } = parsePrice(name);
      const registry = priceOf(name === 'deepseek-r1' ? 'deepseek-reasoner' : name);
      expect({ name, inputPerMTok, outputPerMTok }).toEqual({
        name,
        inputPerMTok: registry?.inputPerMTok,
        outputPerMTok: registry?.outputPerMTok,
      });
    }
    for (const name of Object.keys(DEFAULT_PRICES)) expect(parsePrice(name).outputPerMTok).toBe(DEFAULT_PRICES[name]?.outputPerMTok);
    expect(parsePrice('o1-mini').label).toBe('o1-mini ($1.1 in / $4.4 out per M tokens)');
  });

  it('reads a custom price and rejects an unknown name with INVALID_ARGUMENT', () => {
    expect(parsePrice('in=1.5,out=6')).toMatchObject({ inputPerMTok: 1.5, outputPerMTok: 6, label: expect.stringContaining('custom') });
    expect(() => parsePrice('no-such-model')).toThrow(expect.objectContaining({ code: ERROR_CODES.INVALID_ARGUMENT, param: 'price' }));
  });
});
