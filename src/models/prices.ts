/**
 * @module The price table: dollars per million tokens of well-known hosted models (list prices from
 * research/ttc-literature.md §9 where given; o3, o4-mini, gpt-4.1(-mini) and deepseek-chat from the vendors' public
 * price pages as of 2025 — check before quoting). Local models cost $0. Users override entries through the config file.
 */
import type { Price, TokenUsage } from '../spec/index.js';

/** Built-in prices by bare model name. */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  o1: { inputPerMTok: 15, cachedInputPerMTok: 7.5, outputPerMTok: 60 },
  'o1-mini': { inputPerMTok: 1.1, cachedInputPerMTok: 0.55, outputPerMTok: 4.4 },
  'o3-mini': { inputPerMTok: 1.1, cachedInputPerMTok: 0.55, outputPerMTok: 4.4 },
  o3: { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 },
  'o4-mini': { inputPerMTok: 1.1, cachedInputPerMTok: 0.275, outputPerMTok: 4.4 },
  'gpt-4o': { inputPerMTok: 2.5, cachedInputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6 },
  'gpt-4.1': { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, cachedInputPerMTok: 0.1, outputPerMTok: 1.6 },
  'deepseek-reasoner': { inputPerMTok: 0.55, cachedInputPerMTok: 0.14, outputPerMTok: 2.19 },
  'deepseek-chat': { inputPerMTok: 0.27, cachedInputPerMTok: 0.07, outputPerMTok: 1.1 },
};

const FREE: Price = { inputPerMTok: 0, outputPerMTok: 0 };
const LOCAL_PROVIDERS = new Set(['embedded', 'gguf', 'llama-cpp', 'ollama', 'vllm', 'scripted']);
const overrides = new Map<string, Price>();

/** Replaces or adds prices (from the config file's `prices`), keyed by bare name or `provider:model`. */
export function setPriceOverrides(prices: Record<string, Price>): void {
  for (const [name, price] of Object.entries(prices)) overrides.set(name, price);
}

/** The price of a model id (`provider:model` or bare); $0 for local providers; undefined when unknown. */
export function priceOf(modelId: string): Price | undefined {
  const override = overrides.get(modelId);
  if (override) return override;
  const separator = modelId.indexOf(':');
  const provider = separator < 0 ? '' : modelId.slice(0, separator);
  const name = separator < 0 ? modelId : modelId.slice(separator + 1);
  const byName = overrides.get(name) ?? DEFAULT_PRICES[name] ?? DEFAULT_PRICES[name.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (byName) return byName;
  return LOCAL_PROVIDERS.has(provider) ? FREE : undefined;
}

/** Dollars of one call's usage at `price` (cached prompt tokens at the cached rate when given). */
export function costOf(usage: TokenUsage, price: Price | undefined): number {
  if (!price) return 0;
  const prompt = usage.promptTokens ?? 0;
  const cached = Math.min(prompt, usage.cachedTokens ?? 0);
  const input = (prompt - cached) * price.inputPerMTok + cached * (price.cachedInputPerMTok ?? price.inputPerMTok);
  return (input + (usage.completionTokens ?? 0) * price.outputPerMTok) / 1_000_000;
}
