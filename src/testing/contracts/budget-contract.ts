/**
 * @module The budget contract, checked on one request (tests only): the ledger stays within every limit, a limit that
 * stopped the run is named, every call the model ran is charged (partial samples included), and a request with no
 * answer fails with a report that names its strategy and carries its ledger.
 */
import { expect } from 'vitest';
import { reason } from '../../engine/reason.js';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { costOf } from '../../models/prices.js';
import type { BudgetLimits, GenerateResult, Model, ReasonRequest, ReasonResult, StopLimit } from '../../spec/index.js';

/** What the model itself did: every call it ran, with what it generated and billed. */
export interface ModelBill {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** Wraps a model so that every call it runs is added to `bill` (the truth the ledger must equal), priced at `model.price`. */
export function billedModel(model: Model): { model: Model; bill: ModelBill } {
  const bill: ModelBill = { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  const wrapped: Model = {
    ...model,
    async doGenerate(request): Promise<GenerateResult> {
      const result = await model.doGenerate(request);
      bill.calls += 1;
      const completionTokens = result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      bill.promptTokens += result.usage.promptTokens ?? 0;
      bill.completionTokens += completionTokens;
      // What the call costs at the model's own price (a backend that bills by its price list), or what it reported.
      const priced = model.price ? costOf({ promptTokens: result.usage.promptTokens, completionTokens }, model.price) : 0;
      bill.costUsd += Math.max(result.costUsd, priced);
      return result;
    },
  };
  return { model: wrapped, bill };
}

/** How one request ended. */
export interface ContractOutcome {
  result: ReasonResult | undefined;
  error: SlowthinkError | undefined;
  /** Wall seconds of the whole `reason()` call. */
  seconds: number;
}

/** Runs a request, catching a SlowthinkError as an outcome (any other throw fails the test). */
export async function runContractRequest(request: ReasonRequest): Promise<ContractOutcome> {
  const started = performance.now();
  try {
    const result = await reason(request);
    return { result, error: undefined, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    if (!SlowthinkError.isInstance(error)) throw error;
    return { result: undefined, error, seconds: (performance.now() - started) / 1000 };
  }
}

/** Asserts the budget contract on one outcome; `graceSeconds` is what a time limit may cost above itself. */
export function expectBudgetContract(
  outcome: ContractOutcome,
  expected: { strategy: string; limits: BudgetLimits; bill: ModelBill; graceSeconds: number },
): void {
  const { limits, bill } = expected;
  const { result, error } = outcome;
  if (error) {
    // Only a limit may end a request without an answer, and the error says what was spent.
    expect(error.code, error.message).toBe(ERROR_CODES.BUDGET_TOO_SMALL);
    expect(error.report?.strategy).toBe(expected.strategy);
  } else {
    expect(result?.strategy).toBe(expected.strategy);
  }
  const totals = result?.totals ?? error?.report?.totals;
  const stoppedBy: StopLimit | null | undefined = result ? result.stoppedBy : error?.report?.stoppedBy;
  expect(totals, 'the ledger is reported').toBeDefined();
  if (!totals) return;
  if (limits.maxTokens !== undefined) expect(totals.completionTokens).toBeLessThanOrEqual(limits.maxTokens);
  if (limits.maxCalls !== undefined) expect(totals.calls).toBeLessThanOrEqual(limits.maxCalls);
  if (limits.maxUsd !== undefined) expect(totals.costUsd).toBeLessThanOrEqual(limits.maxUsd + 1e-12);
  if (limits.maxSeconds !== undefined) expect(outcome.seconds).toBeLessThanOrEqual(limits.maxSeconds + expected.graceSeconds);
  // All work done is charged: every call the model ran, every token it generated, every dollar it billed.
  expect(totals.calls).toBe(bill.calls);
  expect(totals.completionTokens).toBe(bill.completionTokens);
  expect(totals.promptTokens).toBe(bill.promptTokens);
  expect(totals.costUsd).toBeGreaterThanOrEqual(bill.costUsd - 1e-12);
  // A run stopped early names a limit it was given; one with no answer was stopped by one.
  const named = { tokens: 'maxTokens', usd: 'maxUsd', seconds: 'maxSeconds', calls: 'maxCalls' } as const;
  if (stoppedBy !== null && stoppedBy !== undefined && stoppedBy !== 'abort') expect(limits[named[stoppedBy]]).toBeDefined();
  if (error) expect(stoppedBy).not.toBeNull();
  if (result) {
    expect(result.usage.promptTokens).toBe(totals.promptTokens);
    expect(result.usage.completionTokens).toBe(totals.completionTokens);
  }
}
