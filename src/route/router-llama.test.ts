/** The shared strategy contract for the learned `auto`'s strategy against the shipped embedded model (a real stochastic model). */
import { afterAll } from 'vitest';
import type { Model } from '../spec/index.js';
import { runStrategyContract } from '../testing/contracts/strategy-contract.js';
import { testRouter } from '../testing/test-router.js';
import { routerStrategy } from './router-strategy.js';

let pending: Promise<Model> | undefined;

function sharedModel(): Promise<Model> {
  pending ??= (async () => {
    const specifier = '../models/embedded.js';
    const embedded = (await import(specifier)) as {
      createEmbeddedModel(options: { tier: 'mini'; threads: number; sequences: number }): Promise<Model>;
    };
    return embedded.createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 });
  })();
  return pending;
}

afterAll(async () => {
  await (await pending)?.close?.();
});

runStrategyContract({
  strategy: routerStrategy,
  model: sharedModel,
  question: 'What is 12 + 30?',
  // The default row probes twice and votes over eight on a split; the arithmetic ops1 row (through reason()) answers with one chain.
  options: { router: testRouter('embedded:slowthink-mini'), maxTokens: 24 },
  timeout: 60_000,
});
