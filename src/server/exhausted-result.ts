/** @module A budget spent before any answer, as OpenAI reports it: an empty answer with finish_reason `length`, not an error. */
import { DEFAULT_EFFORT, emptyTotals } from '../budget/index.js';
import type { SlowthinkError } from '../errors/index.js';
import type { LedgerTotals } from '../spec/budget.js';
import type { ReasonRequest, ReasonResult } from '../spec/engine.js';
import type { StopLimit } from '../spec/trace.js';

const LIMITS: Record<string, StopLimit> = {
  'budget.maxTokens': 'tokens',
  'budget.maxUsd': 'usd',
  'budget.maxSeconds': 'seconds',
  'budget.maxCalls': 'calls',
};

/**
 * The engine throws BUDGET_TOO_SMALL when the budget allows not even one call (a limit that stops a run after some work
 * gives a result with no answer instead). Clients expect what OpenAI sends when `max_completion_tokens` runs out
 * (research/api-conventions.md §7.3): `content: ""` and `finish_reason: "length"`, with what was spent: the error's
 * report (model, strategy, ledger), else the last ledger totals the run streamed.
 */
export function exhaustedResult(request: ReasonRequest, error: SlowthinkError, totals: LedgerTotals | undefined): ReasonResult {
  const report = error.report;
  const used = report?.totals ?? totals ?? emptyTotals();
  return {
    text: '',
    answer: undefined,
    reasoning: '',
    model: report?.model ?? (typeof request.model === 'string' ? request.model : (request.model?.id ?? '')),
    effort: report?.effort ?? request.effort ?? DEFAULT_EFFORT,
    strategy: report?.strategy ?? request.strategy ?? 'unknown',
    finishReason: 'length',
    stoppedBy: report?.stoppedBy ?? LIMITS[error.param ?? ''] ?? 'tokens',
    // The prompt is counted once: the mean over calls is exact for one call and close for re-read prompts.
    usage: {
      promptTokens: used.calls > 0 ? Math.round(used.promptTokens / used.calls) : 0,
      completionTokens: used.completionTokens,
      reasoningTokens: used.completionTokens,
      cachedTokens: 0,
    },
    costUsd: used.costUsd,
    seconds: used.seconds,
    samples: used.samples,
    calls: used.calls,
    totals: used,
    ledger: [],
    trace: { thoughts: [], events: [] },
    warnings: [{ type: 'other', message: error.message }],
  };
}
