/** Integration: the search, refine and society strategies on the shipped embedded model (skipped until models/slowthink-mini.gguf exists). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reason } from '../../engine/reason.js';
import type { Model } from '../../spec/index.js';
import { expectWellFormedEvents } from '../../testing/contracts/strategy-contract.js';
import { createVerifier } from '../../verify/index.js';

const shipped = join(import.meta.dirname, '..', '..', '..', 'models', 'slowthink-mini.gguf');
let pending: Promise<Model> | undefined;

function sharedModel(): Promise<Model> {
  pending ??= (async () => {
    const specifier = '../../models/embedded.js';
    const embedded = (await import(specifier)) as {
      createEmbeddedModel(options: { tier: 'mini'; threads: number; sequences: number }): Promise<Model>;
    };
    return embedded.createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 4 });
  })();
  return pending;
}

afterAll(async () => {
  await (await pending)?.close?.();
});

const question = 'What is 47*38+129?';
const budget = { maxTokens: 800 };

describe.skipIf(!existsSync(shipped))('search strategies on the embedded model', () => {
  for (const [strategy, options] of [
    ['beam', { beamWidth: 2, branch: 2 }],
    ['dvts', { n: 4, beamWidth: 2 }],
    ['mcts', { iterations: 4, width: 2, reward: 'process' }],
    ['refine', { rounds: 1 }],
    ['society', { solvers: 3, rounds: 1 }],
  ] as const) {
    it(`${strategy} stays within the budget, builds a well-formed trace and answers with a number`, async () => {
      const model = await sharedModel();
      const result = await reason({ question, model, strategy, options, budget, seed: 5, verifier: createVerifier('steps') });
      expect(result.totals.completionTokens).toBeLessThanOrEqual(budget.maxTokens);
      expectWellFormedEvents(result.trace.events);
      if (result.answer !== undefined) expect(result.answer).toMatch(/^-?\d+$/);
      if ((strategy === 'beam' || strategy === 'dvts') && Array.isArray(result.details?.scores)) {
        // The chosen chain is the best-scored finished chain.
        const scores = result.details.scores as number[];
        const best = Math.max(...scores);
        const chosen = await createVerifier('steps').score({ question, messages: [] }, { text: result.text, reasoning: result.reasoning });
        expect(chosen.value).toBeCloseTo(best, 6);
      }
      if (strategy === 'mcts') expect(result.details?.rootVisits).toBe(result.details?.iterations);
    }, 120_000);
  }
});
