/** Model accuracy as a stored bench run, on the shipped mini model: config subsets, an aborted run resumed, the table from stored rows. */
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedModel } from '../models/embedded.js';
import type { Model } from '../spec/index.js';
import { RunStore } from '../store/index.js';
import { EVAL_SEED } from '../tasks/held-out.js';
import { listTasks } from '../tasks/index.js';
import {
  accuracyRows,
  createModelSolver,
  formatAccuracyTable,
  type ModelAccuracySettings,
  modelAccuracyConfigs,
  modelAccuracyProblems,
} from './model-accuracy.js';
import { MODEL_SOLVER, resumeBench, startPlannedBench } from './run-bench.js';
import { planJobs } from './runner.js';

const settings: ModelAccuracySettings = {
  tier: 'mini',
  count: 2,
  greedyCount: 3,
  samples: 3,
  temperature: 0.7,
  task: 'arithmetic',
  levels: [1, 2],
  split: 'train',
};
const lookupTask = (name: string) => listTasks().find((task) => task.name === name);
let model: Promise<Model> | undefined;
const sharedModel = () => {
  model ??= createEmbeddedModel({ tier: 'mini', threads: 1, sequences: settings.samples });
  return model;
};
afterAll(async () => {
  await (await model)?.close?.();
});

/** Runs the settings into `store`, aborting after `stopAfter` records when given. */
async function run(store: RunStore, stopAfter?: number) {
  const controller = new AbortController();
  let records = 0;
  return startPlannedBench(
    {
      task: 'arithmetic',
      model: 'embedded:slowthink-mini',
      n: 3,
      seed: EVAL_SEED,
      concurrency: 1,
      solver: MODEL_SOLVER,
      settings: { ...settings },
    },
    modelAccuracyConfigs(settings),
    modelAccuracyProblems(listTasks(), settings, EVAL_SEED),
    {
      store,
      solve: createModelSolver(await sharedModel(), lookupTask),
      lookupTask,
      signal: controller.signal,
      onRecord: () => {
        if (++records === stopAfter) controller.abort();
      },
    },
  );
}

describe('model accuracy through the bench runner', () => {
  it('plans greedy and no-thinking on every problem and the sampled config on the first `count` per level only', () => {
    const problems = modelAccuracyProblems(listTasks(), settings, EVAL_SEED);
    expect(problems.map((problem) => problem.level)).toEqual([1, 1, 1, 2, 2, 2]);
    const jobs = planJobs(problems, modelAccuracyConfigs(settings), 1);
    const sampled = jobs.filter((job) => job.config.strategy === 'sampled').map((job) => job.problem.id);
    expect(sampled).toEqual([problems[0], problems[1], problems[3], problems[4]].map((problem) => problem?.id));
    expect(jobs).toHaveLength(6 + 6 + 4);
  });

  it('resumes an aborted run to the same stored rows and table as an uninterrupted one', async () => {
    const whole = RunStore.open(':memory:');
    const cut = RunStore.open(':memory:');
    const complete = await run(whole);
    expect(complete.complete).toBe(true);
    const aborted = await run(cut, 5);
    expect(aborted.complete).toBe(false);
    expect(cut.results(aborted.run.id)).toHaveLength(5);
    const resumed = await resumeBench(aborted.run.id, {
      store: cut,
      solve: createModelSolver(await sharedModel(), lookupTask),
      lookupTask,
    });
    expect(resumed.complete).toBe(true);
    expect(resumed.ran).toBe(16 - 5);
    const configs = modelAccuracyConfigs(settings);
    const table = (store: RunStore, runId: string, problems: typeof complete.problems) =>
      accuracyRows(problems, store.results(runId), configs);
    const wholeRows = table(whole, complete.run.id, complete.problems);
    // Each job has its own seed, so the cut-and-resumed run draws exactly what the whole run drew.
    expect(table(cut, aborted.run.id, resumed.problems)).toEqual(wholeRows);
    expect(wholeRows.map((row) => [row.level, row.greedyProblems, row.problems])).toEqual([
      [1, 3, 2],
      [2, 3, 2],
    ]);
    for (const row of wholeRows) {
      expect(row.passAt1).toBeLessThanOrEqual(row.passAtK);
      expect(row.tokensPerAnswer).toBeGreaterThan(0);
    }
    const sampledRows = whole.results(complete.run.id).filter((result) => result.config.startsWith('sampled'));
    expect(sampledRows.every((result) => result.sampleRecords.length === settings.samples)).toBe(true);
    expect(formatAccuracyTable(wholeRows, settings).split('\n')[0]).toContain('| majority@3 | pass@3 | tokens/answer |');
    whole.close();
    cut.close();
  });
});
