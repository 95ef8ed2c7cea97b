/**
 * Property tests of the budget contract (issue #12) on the scripted model: every strategy × every limit kind × random
 * limits, chains and call latencies, through `reason()`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BudgetLimits, GenerateRequest } from '../spec/index.js';
import { billedModel, expectBudgetContract, runContractRequest } from '../testing/contracts/budget-contract.js';
import { createScriptedChainModel } from '../testing/scripted-chain-model.js';
import { listStrategies } from '../think/index.js';

const KINDS = ['tokens', 'usd', 'seconds', 'calls'] as const;
type Kind = (typeof KINDS)[number];
const RUNS = Number(process.env.SLOWTHINK_BUDGET_RUNS ?? 8);
const SEED = Number(process.env.SLOWTHINK_BUDGET_SEED ?? 12);
// What a time limit may cost above itself on the scripted model: the call in flight is cut at once, the rest is bookkeeping.
const GRACE_SECONDS = 0.25;
// Dollars per generated and per prompt token of the scripted backend ($10 and $2 per million).
const USD_PER_TOKEN = 1e-5;
const USD_PER_PROMPT_TOKEN = 2e-6;

/** A thinker whose chains are `length` lines of a few words; sample parity picks 42 or 41, so votes have work to do. */
function thinker(length: number, delayMs: number) {
  const scripted = createScriptedChainModel({
    next: (lines) => (lines.length >= length ? '' : `step ${lines.length + 1}: ${12 + lines.length} + 30 = ${42 + lines.length}`),
    answer: (lines) => (lines.length % 2 === 0 ? '42' : '41'),
    reply: (request: GenerateRequest) =>
      request.messages.at(-1)?.content.startsWith('Review') ? 'Looks right to me.\nVERDICT: CORRECT' : undefined,
  });
  const slow = { ...scripted, doGenerate: (request: GenerateRequest) => delayed(scripted.doGenerate(request), delayMs, request.signal) };
  return billedModel({ ...slow, price: { inputPerMTok: USD_PER_PROMPT_TOKEN * 1e6, outputPerMTok: USD_PER_TOKEN * 1e6 } });
}

/** The call's answer after `delayMs`, or at once when a limit cuts it (its samples then end `abort`, as models must). */
async function delayed<T extends { samples: Array<{ finishReason: string; text: string }> }>(
  pending: Promise<T>,
  delayMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  const value = await pending;
  if (delayMs === 0 || signal?.aborted) return value;
  const cut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), delayMs);
    const cutNow = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', cutNow, { once: true });
  });
  // Cut mid-call: what had streamed is kept (the whole sample here), marked as aborted.
  return cut ? { ...value, samples: value.samples.map((sample) => ({ ...sample, finishReason: 'abort' })) } : value;
}

const limitOf: Record<Kind, fc.Arbitrary<BudgetLimits>> = {
  tokens: fc.integer({ min: 1, max: 400 }).map((maxTokens) => ({ maxTokens })),
  usd: fc.double({ min: 2e-5, max: 4e-3, noNaN: true }).map((maxUsd) => ({ maxUsd })),
  seconds: fc.double({ min: 0.01, max: 0.12, noNaN: true }).map((maxSeconds) => ({ maxSeconds })),
  calls: fc.integer({ min: 1, max: 8 }).map((maxCalls) => ({ maxCalls })),
};

const OPTIONS = { n: 4, maxSamples: 6, rounds: 2, beamWidth: 2, branch: 2, iterations: 6, agents: 3 };

describe('budget contract on the scripted model: every strategy × every limit kind × random limits', () => {
  for (const strategy of listStrategies()) {
    for (const kind of KINDS) {
      it(`${strategy} under a random ${kind} limit`, async () => {
        await fc.assert(
          fc.asyncProperty(
            limitOf[kind],
            fc.integer({ min: 1, max: 9 }),
            fc.integer({ min: 0, max: kind === 'seconds' ? 8 : 0 }),
            async (limits, length, delayMs) => {
              const { model, bill } = thinker(length, delayMs);
              const outcome = await runContractRequest({
                question: 'What is 12 + 30?',
                model,
                strategy,
                options: OPTIONS,
                budget: limits,
                seed: length,
              });
              expectBudgetContract(outcome, { strategy, limits, bill, graceSeconds: GRACE_SECONDS });
              // The only limit that can stop these small runs is the one given (the effort's defaults are far away).
              const stoppedBy = outcome.result ? outcome.result.stoppedBy : outcome.error?.report?.stoppedBy;
              expect([null, kind]).toContain(stoppedBy);
            },
          ),
          { numRuns: RUNS, seed: SEED },
        );
      });
    }
  }
});
