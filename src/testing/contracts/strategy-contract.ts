/**
 * @module The one contract every strategy passes, against any model: it answers, respects call and token budgets and
 * says which limit stopped it, emits well-formed events, its ledger totals equal the usage, and abort stops it.
 */
import { describe, expect, it } from 'vitest';
import { reason } from '../../engine/reason.js';
import type { BudgetLimits, Model, Strategy, TraceEvent } from '../../spec/index.js';
import { runStrategy } from './run-strategy.js';

export interface StrategyContractOptions {
  strategy: Strategy;
  /** The model under test; called once per test case (return a shared instance for expensive models). */
  model: () => Model | Promise<Model>;
  /** Question asked in every case. */
  question: string;
  /** The answer the model must reach; omit for models whose output is not meaningful (a random-weight GGUF). */
  expectedAnswer?: string;
  /** Strategy options for every case (keep n and maxTokens small for slow models). */
  options?: Record<string, unknown>;
  /** Per-test timeout in milliseconds. */
  timeout?: number;
}

/** Checks the event stream: ids are unique, deltas and ends refer to open thoughts, every start has exactly one end. */
export function expectWellFormedEvents(events: readonly TraceEvent[]): void {
  const open = new Set<string>();
  const ended = new Set<string>();
  for (const event of events) {
    if (event.type === 'thought-start') {
      expect(open.has(event.id) || ended.has(event.id), `thought ${event.id} started twice`).toBe(false);
      open.add(event.id);
    } else if (event.type === 'thought-delta') {
      expect(open.has(event.id), `delta for thought ${event.id} that is not open`).toBe(true);
    } else if (event.type === 'thought-end') {
      expect(open.has(event.id), `end for thought ${event.id} that is not open`).toBe(true);
      open.delete(event.id);
      ended.add(event.id);
    } else if (event.type === 'sample-end' || event.type === 'score') {
      expect(ended.has(event.id) || open.has(event.id), `${event.type} for unknown thought ${event.id}`).toBe(true);
    }
  }
  expect([...open], 'thoughts never ended').toEqual([]);
}

function runDirect(options: StrategyContractOptions, limits: BudgetLimits, signal?: AbortSignal) {
  return runStrategy({
    strategy: options.strategy,
    model: options.model,
    question: options.question,
    options: options.options ?? {},
    limits,
    signal,
    seed: 7,
  });
}

/** Registers the contract's tests for one strategy and one model. */
export function runStrategyContract(options: StrategyContractOptions): void {
  const timeout = options.timeout ?? 20_000;
  describe(`strategy contract: ${options.strategy.name}`, () => {
    it(
      'returns an answer with well-formed events',
      async () => {
        const { result, events, totals } = await runDirect(options, {});
        expect(result.samples).toBeGreaterThanOrEqual(1);
        expect(typeof result.text).toBe('string');
        expect(totals.samples).toBeGreaterThanOrEqual(result.samples);
        if (options.expectedAnswer !== undefined) {
          expect(result.answer).toBe(options.expectedAnswer);
          expect(result.stoppedBy).toBeNull();
        }
        expectWellFormedEvents(events);
      },
      timeout,
    );

    it(
      'respects maxCalls and reports the calls limit when it stopped early',
      async () => {
        const { result, totals, events } = await runDirect(options, { maxCalls: 1 });
        expect(totals.calls).toBe(1);
        expect(result.samples).toBeGreaterThanOrEqual(1);
        if (result.stoppedBy !== null) expect(result.stoppedBy).toBe('calls');
        expectWellFormedEvents(events);
      },
      timeout,
    );

    it(
      'respects maxTokens and reports the tokens limit when it ran out',
      async () => {
        const { result, totals, events } = await runDirect(options, { maxTokens: 12 });
        expect(totals.completionTokens).toBeLessThanOrEqual(12);
        expect(totals.completionTokens).toBeGreaterThan(0);
        if (totals.completionTokens === 12) expect(result.stoppedBy).toBe('tokens');
        expectWellFormedEvents(events);
      },
      timeout,
    );

    it(
      'stops when aborted and returns what it has',
      async () => {
        const controller = new AbortController();
        controller.abort();
        const { result, totals } = await runDirect(options, {}, controller.signal);
        expect(result.stoppedBy).toBe('abort');
        expect(result.finishReason).toBe('abort');
        expect(totals.calls).toBe(0);
      },
      timeout,
    );

    it(
      'keeps ledger totals equal to the reported usage through reason()',
      async () => {
        const model = await options.model();
        const request = { question: options.question, model, strategy: options.strategy.name, options: options.options ?? {}, seed: 3 };
        const result = await reason(request).catch((error: { code?: string }) => {
          // A model that never produces an extractable answer may hit its per-trace cap with nothing to show.
          if (options.expectedAnswer === undefined && error.code === 'ST_BUDGET_TOO_SMALL') return undefined;
          throw error;
        });
        if (!result) return;
        expect(result.usage.completionTokens).toBe(result.totals.completionTokens);
        expect(result.costUsd).toBe(result.totals.costUsd);
        expect(result.calls).toBe(result.ledger.length);
        expect(result.usage.reasoningTokens).toBeLessThanOrEqual(result.usage.completionTokens);
        expectWellFormedEvents(result.trace.events);
        const last = result.trace.events.at(-1);
        expect(last?.type).toBe('finish');
      },
      timeout,
    );
  });
}
