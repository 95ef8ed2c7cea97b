import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { createOpenAICompatibleModel } from '../models/openai-compatible.js';
import type { LedgerTotals } from '../spec/index.js';
import { type FaultBackend, startFaultBackend } from '../testing/fault-backend.js';
import { reason } from './index.js';

const REQUESTS = Number(process.env.SLOWTHINK_FAULT_REQUESTS ?? 1000);
// A hung or stalled backend is ended by the request's own time limit, not by a model timeout.
const MAX_SECONDS = 0.5;
// What a seconds limit may cost above itself: the call in flight is cut and the result assembled, on a busy event loop.
const GRACE_SECONDS = 0.5;
const MAX_TOKENS = 16_384; // effort medium's budget

let backend: FaultBackend;
beforeAll(async () => {
  backend = await startFaultBackend({ faultRate: 0.2, seed: 12, retryAfterMs: 3 });
});
afterAll(() => backend.close());

type Charged = { question: string; totals: LedgerTotals | undefined; timeCut: boolean };
type Outcome =
  | (Charged & { kind: 'answered'; seconds: number; right: boolean; hasAnswer: boolean })
  | (Charged & { kind: 'clean-error'; code: string })
  | { kind: 'crash'; error: unknown };

const billOf = (question: string) => backend.stats.billedByQuestion.get(question) ?? { calls: 0, completionTokens: 0 };

async function ask(model: ReturnType<typeof createOpenAICompatibleModel>, index: number): Promise<Outcome> {
  // A question per request (left is unique), so the backend's bill for the question is this request's bill.
  const left = 100 + index;
  const right = 10 + ((index * 91) % 90);
  const question = `What is ${left}+${right}?`;
  try {
    const result = await reason({ question, effort: 'medium', model, budget: { maxSeconds: MAX_SECONDS } });
    const timeCut = result.stoppedBy === 'seconds';
    return {
      kind: 'answered',
      question,
      totals: result.totals,
      timeCut,
      seconds: result.seconds,
      right: result.answer === String(left + right),
      hasAnswer: result.answer !== undefined,
    };
  } catch (error) {
    if (!SlowthinkError.isInstance(error) || error.code === ERROR_CODES.INTERNAL) return { kind: 'crash', error };
    const timeCut = error.report?.stoppedBy === 'seconds' || error.param === 'budget.maxSeconds';
    return { kind: 'clean-error', question, code: error.code, totals: error.report?.totals, timeCut };
  }
}

describe('1,000 engine requests through a backend that fails one call in five', () => {
  it('answers each or fails it cleanly, within its budget, and charges what the backend billed', { timeout: 120_000 }, async () => {
    const model = createOpenAICompatibleModel({
      model: 'fault-arith',
      provider: 'fault',
      baseURL: backend.baseURL,
      apiKey: 'test',
      retryDelayMs: { base: 2, max: 10 },
      price: { inputPerMTok: 1, outputPerMTok: 2 },
    });
    // A first wave, left out of the figures: loading modules and opening connections would eat the first requests' time.
    const warmUp = Array.from({ length: 16 }, (_, index) => `What is ${index}*3?`);
    await Promise.all(warmUp.map((question) => reason({ question, model, budget: { maxSeconds: MAX_SECONDS } }).catch(() => undefined)));
    const before = { ...backend.stats.billed, requests: backend.stats.requests, outcomes: { ...backend.stats.outcomes } };
    const limit = pLimit(16);
    const started = Date.now();
    const outcomes = await Promise.all(Array.from({ length: REQUESTS }, (_, index) => limit(() => ask(model, index))));
    const wallSeconds = (Date.now() - started) / 1000;

    const answered = outcomes.filter((outcome) => outcome.kind === 'answered');
    const errors = outcomes.filter((outcome) => outcome.kind === 'clean-error');
    const crashes = outcomes.filter((outcome) => outcome.kind === 'crash');
    const charged = [...answered, ...errors];
    const overruns = answered.filter(
      (outcome) => (outcome.totals?.completionTokens ?? 0) > MAX_TOKENS || outcome.seconds > MAX_SECONDS + GRACE_SECONDS,
    );
    const differs = (outcome: Charged) => {
      const billed = billOf(outcome.question);
      return outcome.totals?.calls !== billed.calls || outcome.totals?.completionTokens !== billed.completionTokens;
    };
    // A limit that cuts a call while its answer is on the wire loses what was in flight: at most that call, never more.
    const beyondInFlight = (outcome: Charged) => {
      const billed = billOf(outcome.question);
      const totals = outcome.totals ?? { calls: 0, completionTokens: 0 };
      return Math.abs(totals.calls - billed.calls) > 1 || totals.completionTokens > billed.completionTokens;
    };
    const reported = charged.filter((outcome) => outcome.totals !== undefined);
    const sum = (list: Charged[]) =>
      list.reduce(
        (total, outcome) => ({
          calls: total.calls + (outcome.totals?.calls ?? 0),
          completionTokens: total.completionTokens + (outcome.totals?.completionTokens ?? 0),
        }),
        {
          calls: 0,
          completionTokens: 0,
        },
      );
    const errorCodes: Record<string, number> = {};
    for (const error of errors) errorCodes[error.code] = (errorCodes[error.code] ?? 0) + 1;
    const injected = Object.fromEntries(
      Object.entries(backend.stats.outcomes).map(([kind, count]) => [
        kind,
        count - (before.outcomes[kind as keyof typeof before.outcomes] ?? 0),
      ]),
    );
    const figures = {
      requests: REQUESTS,
      answered: answered.length,
      rightAnswers: answered.filter((outcome) => outcome.right).length,
      // A limit stopped the request after some work but before any answer: answer null, the work charged.
      withoutAnswer: answered.filter((outcome) => !outcome.hasAnswer).length,
      cleanErrors: errors.length,
      errorCodes,
      errorsWithoutLedger: errors.length - errors.filter((error) => error.totals !== undefined).length,
      crashes: crashes.length,
      overruns: overruns.length,
      slowest: Math.max(...answered.map((outcome) => outcome.seconds)),
      mismatches: reported.filter(differs).length,
      mismatchesNotCutByTime: reported.filter((outcome) => !outcome.timeCut && differs(outcome)).length,
      ledger: sum(reported),
      backendBilled: sum(reported.map((outcome) => ({ ...outcome, totals: { ...billOf(outcome.question) } as LedgerTotals }))),
      backendCalls: backend.stats.requests - before.requests,
      injected,
      wallSeconds,
    };
    console.log(`fault run: ${JSON.stringify(figures)}`);

    expect(crashes.map((crash) => String((crash as { error: unknown }).error))).toEqual([]);
    expect(answered.length + errors.length).toBe(REQUESTS);
    expect(overruns).toEqual([]);
    // The backend only ever sends right answers: a wrong one would be a cut or garbled sample that voted.
    expect(answered.filter((outcome) => outcome.hasAnswer && !outcome.right).map((outcome) => outcome.question)).toEqual([]);
    // Where no time limit cut a call, the ledger is exactly the backend's bill; where one did, short by at most the call in flight.
    expect(reported.filter((outcome) => !outcome.timeCut && differs(outcome))).toEqual([]);
    expect(reported.filter(beyondInFlight)).toEqual([]);
    // Every clean error carries the request's ledger (SlowthinkError.report).
    expect(figures.errorsWithoutLedger).toBe(0);
    // The draw injected every kind of fault, about one call in five.
    expect(1 - (injected.ok ?? 0) / figures.backendCalls).toBeGreaterThan(0.15);
    expect(Object.values(injected).every((count) => count > 0)).toBe(true);
  });
});
