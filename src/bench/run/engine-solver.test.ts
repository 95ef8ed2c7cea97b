/** The bench over the real engine with a scripted model (control flow only): samples, tokens and grading reach the store. */
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../store/index.js';
import { getTask } from '../../tasks/index.js';
import { createScriptedModel } from '../../testing/scripted-model.js';
import { createEngineSolver } from './engine-solver.js';
import { startBench } from './run-bench.js';

describe('createEngineSolver', () => {
  it('runs jobs through reason() and stores graded per-sample records', async () => {
    const arithmetic = getTask('arithmetic');
    const [problem] = arithmetic.generate({ seed: 1_000_001, count: 1, level: 1 });
    const right = problem?.answer ?? '';
    const model = createScriptedModel({ responses: [`A: ${right}`, 'A: 1', `A: ${right}`] });
    const store = RunStore.open(':memory:');
    const outcome = await startBench(
      { task: 'arithmetic', model: 'scripted', strategies: 'direct,self-consistency:n=3', level: 1, n: 1, seed: 1_000_001, concurrency: 1 },
      { store, solve: createEngineSolver({ model }), lookupTask: (name) => (name === 'arithmetic' ? arithmetic : undefined) },
    );
    expect(outcome.complete).toBe(true);
    const results = store.results(outcome.run.id);
    const voted = results.find((result) => result.config === 'self-consistency:n=3');
    expect(voted?.error).toBeNull();
    expect(voted?.samples).toBe(3);
    // `direct` ran first and took the first scripted response; the vote drew 'A: 1', then the right answer twice.
    expect(voted?.sampleRecords.map((sample) => sample.correct)).toEqual([false, true, true]);
    expect(voted?.correct).toBe(true);
    expect(voted?.completionTokens).toBeGreaterThan(0);
    expect(store.trace(outcome.run.id, problem?.id ?? '', 'self-consistency:n=3')?.events.length).toBeGreaterThan(0);
  });
});
