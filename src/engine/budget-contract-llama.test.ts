/** The budget contract on the embedded model (a real stochastic model): a random sweep of strategies × limit kinds. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BudgetLimits, Model } from '../spec/index.js';
import { billedModel, expectBudgetContract, runContractRequest } from '../testing/contracts/budget-contract.js';
import { listStrategies } from '../think/index.js';

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');
const RUNS = Number(process.env.SLOWTHINK_BUDGET_LLAMA_RUNS ?? 16);
// A time limit cuts the token loop within a token; the rest is one verifier pass and the result.
const GRACE_SECONDS = 0.25;
let pending: Promise<Model> | undefined;

function sharedModel(): Promise<Model> {
  pending ??= import('../models/embedded.js').then(({ createEmbeddedModel }) =>
    createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 }),
  );
  return pending;
}

afterAll(async () => {
  await (await pending)?.close?.();
});

const limits: fc.Arbitrary<BudgetLimits> = fc.oneof(
  fc.integer({ min: 5, max: 240 }).map((maxTokens) => ({ maxTokens })),
  fc.integer({ min: 1, max: 4 }).map((maxCalls) => ({ maxCalls })),
  fc.double({ min: 0.05, max: 0.4, noNaN: true }).map((maxSeconds) => ({ maxSeconds })),
  // The embedded model is free: a dollar limit is accepted and never binds.
  fc.double({ min: 1e-6, max: 1e-2, noNaN: true }).map((maxUsd) => ({ maxUsd })),
);

describe.skipIf(!existsSync(shipped))('budget contract on the embedded model', () => {
  it('holds for random strategies and limits', async () => {
    const model = await sharedModel();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...listStrategies()), limits, fc.integer({ min: 0, max: 1000 }), async (strategy, budget, seed) => {
        const { model: billed, bill } = billedModel(model);
        const outcome = await runContractRequest({
          question: 'What is 47*8+19?',
          model: billed,
          strategy,
          options: { n: 2, maxSamples: 2, batch: 2, rounds: 1, beamWidth: 2, branch: 1, iterations: 2, maxTokens: 96 },
          budget,
          seed,
        });
        expectBudgetContract(outcome, { strategy, limits: budget, bill, graceSeconds: GRACE_SECONDS });
        const stoppedBy = outcome.result ? outcome.result.stoppedBy : outcome.error?.report?.stoppedBy;
        expect(stoppedBy).not.toBe('usd');
      }),
      { numRuns: RUNS, seed: 5 },
    );
  }, 120_000);
});
