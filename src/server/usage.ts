/** @module OpenAI `usage` from engine results: every generated token counted, reasoning tokens split out, engine detail in `x_slowthink`. */
import type { Phase } from '../spec/budget.js';
import type { ReasonResult } from '../spec/engine.js';

/** Engine detail clients pass through untouched. */
export interface SlowthinkUsage {
  cost_usd: number;
  samples: number;
  calls: number;
  strategy: string;
  effort: string;
  stopped_by: string | null;
  tokens_by_phase: Record<Phase, { calls: number; prompt_tokens: number; completion_tokens: number; cost_usd: number }>;
}

/** The OpenAI usage object, with the sub-fields every client maps always present. */
export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
  x_slowthink: SlowthinkUsage;
}

const PHASES: readonly Phase[] = ['generate', 'verify', 'aggregate'];

/**
 * Sums the choices: the client prompt is counted once (each choice re-reads the same prompt), completions are summed;
 * `x_slowthink` describes the first choice's plan and sums costs over all.
 */
export function toCompletionUsage(results: readonly ReasonResult[]): CompletionUsage {
  const first = results[0]!;
  const sum = (read: (result: ReasonResult) => number) => results.reduce((total, result) => total + read(result), 0);
  const completion = sum((result) => result.usage.completionTokens);
  const reasoning = Math.min(
    completion,
    sum((result) => result.usage.reasoningTokens),
  );
  const byPhase = Object.fromEntries(
    PHASES.map((phase) => [
      phase,
      {
        calls: sum((result) => result.totals.byPhase[phase]?.calls ?? 0),
        prompt_tokens: sum((result) => result.totals.byPhase[phase]?.promptTokens ?? 0),
        completion_tokens: sum((result) => result.totals.byPhase[phase]?.completionTokens ?? 0),
        cost_usd: sum((result) => result.totals.byPhase[phase]?.costUsd ?? 0),
      },
    ]),
  ) as SlowthinkUsage['tokens_by_phase'];
  return {
    prompt_tokens: first.usage.promptTokens,
    completion_tokens: completion,
    total_tokens: first.usage.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: first.usage.cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoning },
    x_slowthink: {
      cost_usd: sum((result) => result.costUsd),
      samples: sum((result) => result.samples),
      calls: sum((result) => result.calls),
      strategy: first.strategy,
      effort: first.effort,
      stopped_by: first.stoppedBy,
      tokens_by_phase: byPhase,
    },
  };
}
