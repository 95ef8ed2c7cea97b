/** @module A ReasonResult as JSON in the API's snake case: `ask --json` prints it, the playground's stream ends with it. */
import type { ReasonResult } from '../spec/engine.js';

/** The answer, the usage and what stopped the run; `seconds` to the millisecond. */
export function resultJson(result: ReasonResult) {
  return {
    answer: result.answer ?? null,
    text: result.text,
    reasoning: result.reasoning,
    model: result.model,
    effort: result.effort,
    strategy: result.strategy,
    finish_reason: result.finishReason,
    stopped_by: result.stoppedBy,
    usage: {
      prompt_tokens: result.usage.promptTokens,
      completion_tokens: result.usage.completionTokens,
      reasoning_tokens: result.usage.reasoningTokens,
      cached_tokens: result.usage.cachedTokens,
      total_tokens: result.usage.promptTokens + result.usage.completionTokens,
    },
    totals: result.totals,
    cost_usd: result.costUsd,
    seconds: Number(result.seconds.toFixed(3)),
    samples: result.samples,
    calls: result.calls,
    warnings: result.warnings.map((warning) => warning.message),
  };
}
