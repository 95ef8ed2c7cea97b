/** @module Hypothetical token prices for `--price`: local models cost $0, so reports can also price tokens as if on an API. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { DEFAULT_PRICES } from '../../models/prices.js';
import type { Price } from '../../spec/index.js';

/** The models' one price table, plus `deepseek-r1`: the paper's name for what DeepSeek's API sells as `deepseek-reasoner`. */
export const NAMED_PRICES: Readonly<Record<string, Price>> = {
  ...DEFAULT_PRICES,
  'deepseek-r1': DEFAULT_PRICES['deepseek-reasoner'] as Price,
};

/** A named price with its label, e.g. `o1-mini ($1.1 in / $4.4 out per M tokens)`. */
export interface NamedPrice extends Price {
  label: string;
}

/** Parses `o1-mini` or `in=1.1,out=4.4` (dollars per million tokens). */
export function parsePrice(text: string): NamedPrice {
  const named = NAMED_PRICES[text.trim()];
  const describe = (price: Price, name: string): NamedPrice => ({
    ...price,
    label: `${name} ($${price.inputPerMTok} in / $${price.outputPerMTok} out per M tokens)`,
  });
  if (named !== undefined) return describe(named, text.trim());
  const match = /^\s*in=([\d.]+)\s*,\s*out=([\d.]+)\s*$/.exec(text);
  if (match === null) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Cannot read --price "${text}"`, {
      hint: `Use a name (${Object.keys(NAMED_PRICES).join(', ')}) or in=DOLLARS,out=DOLLARS per million tokens.`,
      param: 'price',
    });
  }
  return describe({ inputPerMTok: Number(match[1]), outputPerMTok: Number(match[2]) }, 'custom');
}

/** Dollars for the given tokens at a price. */
export function priceTokens(price: Price, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPerMTok + completionTokens * price.outputPerMTok) / 1_000_000;
}
