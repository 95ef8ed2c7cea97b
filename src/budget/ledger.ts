/** @module The ledger: every model call's tokens, latency and dollars, by phase; its totals are the request's usage. */
import type { LedgerEntry, LedgerTotals, Phase } from '../spec/index.js';

const PHASES: readonly Phase[] = ['generate', 'verify', 'aggregate'];

/** An append-only list of model calls with running totals. */
export interface Ledger {
  readonly entries: readonly LedgerEntry[];
  record(entry: LedgerEntry): void;
  totals(): LedgerTotals;
}

/** Totals of no calls at all. */
export function emptyTotals(): LedgerTotals {
  const byPhase = Object.fromEntries(PHASES.map((phase) => [phase, { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }]));
  return {
    calls: 0,
    samples: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    costUsd: 0,
    seconds: 0,
    byPhase: byPhase as LedgerTotals['byPhase'],
  };
}

/** Sums a list of entries; `seconds` is the sum of call latencies (wall time is measured by the budget tracker). */
export function sumEntries(entries: readonly LedgerEntry[]): LedgerTotals {
  const totals = emptyTotals();
  for (const entry of entries) {
    totals.calls += 1;
    totals.samples += entry.samples;
    totals.promptTokens += entry.promptTokens;
    totals.completionTokens += entry.completionTokens;
    totals.cachedTokens += entry.cachedTokens;
    totals.costUsd += entry.costUsd;
    totals.seconds += entry.latencyMs / 1000;
    const phase = totals.byPhase[entry.phase];
    phase.calls += 1;
    phase.promptTokens += entry.promptTokens;
    phase.completionTokens += entry.completionTokens;
    phase.costUsd += entry.costUsd;
  }
  return totals;
}

/** Creates an empty ledger. */
export function createLedger(): Ledger {
  const entries: LedgerEntry[] = [];
  let cached: LedgerTotals | undefined;
  return {
    entries,
    record(entry) {
      entries.push(entry);
      cached = undefined;
    },
    totals() {
      cached ??= sumEntries(entries);
      return structuredClone(cached);
    },
  };
}
