/** @module Budgets and the ledger: hard per-request limits and every model call's cost. Types only. */

/** Hard per-request limits; absent means unlimited. */
export interface BudgetLimits {
  /** Generated tokens over all calls (reasoning + answers). */
  maxTokens?: number;
  maxUsd?: number;
  maxSeconds?: number;
  /** Model calls (one call may return several samples). */
  maxCalls?: number;
}

export type Phase = 'generate' | 'verify' | 'aggregate';

/** One model call on the ledger. */
export interface LedgerEntry {
  phase: Phase;
  model: string;
  samples: number;
  promptTokens: number;
  completionTokens: number;
  /** Of completionTokens, thinking tokens the backend reported natively. */
  nativeReasoningTokens: number;
  cachedTokens: number;
  latencyMs: number;
  costUsd: number;
}

/** Sums over the ledger. */
export interface LedgerTotals {
  calls: number;
  samples: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  costUsd: number;
  seconds: number;
  byPhase: Record<Phase, { calls: number; promptTokens: number; completionTokens: number; costUsd: number }>;
}
