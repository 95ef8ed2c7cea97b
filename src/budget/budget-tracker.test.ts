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
  it('gives full caps while they fit, then one sample with all that is left (never fragments)', () => {
    const ledger = createLedger();
    const tracker = createBudgetTracker({ limits: { maxTokens: 300 }, ledger });
    expect(tracker.allow({ n: 2, maxTokens: 100 })).toEqual({ n: 2, maxTokens: 100 });
    expect(tracker.allow({ n: 4, maxTokens: 100 })).toEqual({ n: 3, maxTokens: 100 });
    // Issue #12: 300 tokens for two 8,192-token traces were split into two useless halves; one chain takes them all.
    expect(tracker.allow({ n: 2, maxTokens: 8192, kind: 'chain' })).toEqual({ n: 1, maxTokens: 300 });
    ledger.record(entry(300));
    expect(tracker.allow({ n: 1, maxTokens: undefined })).toBeNull();
    expect(tracker.stopped()).toBe('tokens');
  });

  it('plans by the lengths that finished: as many samples as fit, none below the shortest', () => {
    const ledger = createLedger();
    const tracker = createBudgetTracker({ limits: { maxTokens: 1000 }, ledger });
    tracker.observe('chain', [240, 260]);
    ledger.record(entry(500));
    expect(tracker.allow({ n: 4, maxTokens: 8192, kind: 'chain' })).toEqual({ n: 2, maxTokens: 250 });
    expect(tracker.allow({ n: 4, maxTokens: 8192, kind: 'other' })).toEqual({ n: 1, maxTokens: 500 });
    ledger.record(entry(300));
    expect(tracker.stopped()).toBeNull();
    // 200 left, the shortest finished chain took 240: a call would only make a fragment.
    expect(tracker.allow({ n: 4, maxTokens: 8192, kind: 'chain' })).toBeNull();
    expect(tracker.stopped()).toBe('tokens');
    expect(tracker.allow({ n: 1, maxTokens: 10, kind: 'line' })).toBeNull();
  });

  it('counts the prompt against a dollar limit', () => {
    const ledger = createLedger();
    // $1 per 1,000 output tokens, $0.50 per 1,000 prompt tokens.
    const tracker = createBudgetTracker({ limits: { maxUsd: 0.1 }, ledger, price: { inputPerMTok: 500, outputPerMTok: 1000 } });
    expect(tracker.tokensLeft()).toBe(100);
    expect(tracker.tokensLeft(100)).toBe(50);
    expect(tracker.allow({ n: 1, maxTokens: 500, promptTokens: 100 })).toEqual({ n: 1, maxTokens: 50 });
    expect(tracker.allow({ n: 1, maxTokens: 500, promptTokens: 200 })).toBeNull();
    expect(tracker.stopped()).toBe('usd');
  });

  it('reports abort first, then tokens, dollars and seconds, calls last', () => {
    let now = 0;
    const ledger = createLedger();
    const controller = new AbortController();
    const tracker = createBudgetTracker({
      limits: { maxCalls: 2, maxUsd: 1, maxSeconds: 10, maxTokens: 5 },
      ledger,
      signal: controller.signal,
      now: () => now,
      price: { inputPerMTok: 0, outputPerMTok: 10_000 },
    });
    expect(tracker.stopped()).toBeNull();
    expect(tracker.tokensLeft()).toBe(5);
    ledger.record(entry(1));
    ledger.record(entry(1));
    expect(tracker.stopped()).toBe('calls');
    now = 10_000;
    expect(tracker.stopped()).toBe('seconds');
    ledger.record(entry(1, 1));
    expect(tracker.stopped()).toBe('usd');
    ledger.record(entry(2));
    expect(tracker.stopped()).toBe('tokens');
    controller.abort();
    expect(tracker.stopped()).toBe('abort');
    expect(tracker.remaining()).toEqual({ tokens: 0, usd: 0, seconds: 0, calls: 0 });
  });

  it('rejects negative, fractional and non-numeric limits with the parameter name', () => {
    expect(() => validateBudgetLimits({ maxTokens: -1 })).toThrow(/maxTokens/);
    expect(() => validateBudgetLimits({ maxCalls: 1.5 })).toThrow(/maxCalls/);
    expect(() => validateBudgetLimits({ maxUsd: Number.NaN })).toThrow(/maxUsd/);
    expect(() => validateBudgetLimits({ maxSeconds: 0.5, maxUsd: 0.01, maxTokens: 1, maxCalls: 1 })).not.toThrow();
  });
});
