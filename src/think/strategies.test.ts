import { expect, it } from 'vitest';
import { STRATEGY_NAMES } from '../spec/index.js';
import { runStrategyContract } from '../testing/contracts/strategy-contract.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { strategies } from './index.js';

it('registers exactly the built-in strategies spec names, in its order', () => {
  expect(Object.keys(strategies)).toEqual([...STRATEGY_NAMES]);
});

const chain = 'First I multiply six by seven and check the product twice\nAnswer: 42';

for (const strategy of Object.values(strategies)) {
  runStrategyContract({
    strategy,
    model: () =>
      createScriptedModel({ responses: [chain], capabilities: { maxParallel: 2, continuation: strategy.name === 'think-longer' } }),
    question: 'What is 6 * 7?',
    expectedAnswer: '42',
    options: { n: 4, maxSamples: 6, rounds: 1 },
  });
}
