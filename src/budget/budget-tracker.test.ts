import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../spec/index.js';
import { createBudgetTracker, validateBudgetLimits } from './budget-tracker.js';
import { createLedger } from './ledger.js';

const entry = (completionTokens: number, costUsd = 0, phase: LedgerEntry['phase'] = 'generate'): LedgerEntry => ({
  phase,
  model: 'm',
  samples: 1,
  promptTokens: 10,
  completionTokens,
  nativeReasoningTokens: 0,
  cachedTokens: 0,
  latencyMs: 500,
  costUsd,
});

describe('ledger', () => {
  it('sums entries overall and by phase', () => {
    const ledger = createLedger();
    ledger.record(entry(5, 0.5));
    ledger.record(entry(7, 0.25, 'verify'));
    const totals = ledger.totals();
    expect(totals).toMatchObject({ calls: 2, samples: 2, promptTokens: 20, completionTokens: 12, costUsd: 0.75, seconds: 1 });
    expect(totals.byPhase.verify).toEqual({ calls: 1, promptTokens: 10, completionTokens: 7, costUsd: 0.25 });
    expect(totals.byPhase.aggregate.calls).toBe(0);
  });
});

describe('budget tracker', () => {
  it('caps each call to the tokens left and splits them over the samples', () => {
    const ledger = createLedger();
    const tracker = createBudgetTracker({ limits: { maxTokens: 100 }, ledger });
    expect(tracker.allow(4, 50)).toEqual({ n: 4, maxTokens: 25 });
    ledger.record(entry(98));
    expect(tracker.allow(4, 50)).toEqual({ n: 2, maxTokens: 1 });
    ledger.record(entry(2));
    expect(tracker.allow(1, undefined)).toBeNull();
    expect(tracker.stopped()).toBe('tokens');
  });

  it('reports calls, dollars, seconds and abort, abort first', () => {
    let now = 0;
    const ledger = createLedger();
    const controller = new AbortController();
    const tracker = createBudgetTracker({
      limits: { maxCalls: 2, maxUsd: 1, maxSeconds: 10 },
      ledger,
      signal: controller.signal,
      now: () => now,
      usdPerOutputToken: 0.01,
    });
    expect(tracker.stopped()).toBeNull();
    expect(tracker.tokensLeft()).toBe(100);
    now = 10_000;
    expect(tracker.stopped()).toBe('seconds');
    ledger.record(entry(1, 1));
    expect(tracker.stopped()).toBe('usd');
    ledger.record(entry(1));
    expect(tracker.stopped()).toBe('calls');
    controller.abort();
    expect(tracker.stopped()).toBe('abort');
    expect(tracker.remaining()).toEqual({ usd: 0, seconds: 0, calls: 0 });
  });

  it('rejects negative, fractional and non-numeric limits with the parameter name', () => {
    expect(() => validateBudgetLimits({ maxTokens: -1 })).toThrow(/maxTokens/);
    expect(() => validateBudgetLimits({ maxCalls: 1.5 })).toThrow(/maxCalls/);
    expect(() => validateBudgetLimits({ maxUsd: Number.NaN })).toThrow(/maxUsd/);
    expect(() => validateBudgetLimits({ maxSeconds: 0.5, maxUsd: 0.01, maxTokens: 1, maxCalls: 1 })).not.toThrow();
  });
});
