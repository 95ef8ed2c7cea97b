/** @module Usage accounting: every call's prompt and generated tokens, reasoning = completion − visible answer. */
import type { LedgerEntry, LedgerTotals, Model, Usage } from '../spec/index.js';

/** Tokens of a text by the model's own counter, else about four characters per token. */
export function estimateTokens(model: Model, text: string): number {
  if (text.length === 0) return 0;
  return model.countTokens ? model.countTokens(text) : Math.ceil(text.length / 4);
}

/** The request's usage from its ledger and the visible answer text. */
export function computeUsage(options: {
  model: Model;
  ledger: readonly LedgerEntry[];
  totals: LedgerTotals;
  answerText: string;
  samples: number;
  reasoning: string;
}): Usage {
  const { totals } = options;
  const single = options.samples <= 1 && options.ledger.length <= 1 && options.reasoning.trim() === '';
  // One sample without thinking: everything generated is the visible answer.
  const answerTokens = single
    ? totals.completionTokens
    : Math.min(totals.completionTokens, estimateTokens(options.model, options.answerText));
  const nativeReasoning = options.ledger.reduce((sum, entry) => sum + entry.nativeReasoningTokens, 0);
  return {
    promptTokens: totals.promptTokens,
    completionTokens: totals.completionTokens,
    reasoningTokens: Math.max(single ? nativeReasoning : 0, totals.completionTokens - answerTokens),
    cachedTokens: totals.cachedTokens,
  };
}
