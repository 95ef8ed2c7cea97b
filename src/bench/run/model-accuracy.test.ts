/** Model accuracy as a stored bench run, on the shipped mini model: config subsets, an aborted run resumed, the table from stored rows. */
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedModel } from '../../models/embedded.js';
import type { Model } from '../../spec/index.js';
import { RunStore } from '../../store/index.js';
import { EVAL_SEED } from '../../tasks/held-out.js';
import { listTasks } from '../../tasks/index.js';
import {
  type AccuracyRow,
  accuracyRows,
  createModelSolver,
  formatAccuracyTable,
  formatShapeGapTable,
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
/** What the model runs: small, as the run is done twice and resumed once. */
const small: ModelAccuracySettings = { ...settings, count: 1, greedyCount: 2, samples: 2 };
const lookupTask = (name: string) => listTasks().find((task) => task.name === name);
let model: Promise<Model> | undefined;
const sharedModel = () => {
  model ??= createEmbeddedModel({ tier: 'mini', threads: 1, sequences: small.samples });
  return model;
};
afterAll(async () => {
  await (await model)?.close?.();
});

/** Runs the small settings into `store`, aborting after `stopAfter` records when given. */
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
      settings: { ...small },
    },
    modelAccuracyConfigs(small),
    modelAccuracyProblems(listTasks(), small, EVAL_SEED),
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
    const aborted = await run(cut, 4);
    expect(aborted.complete).toBe(false);
    expect(cut.results(aborted.run.id)).toHaveLength(4);
    const resumed = await resumeBench(aborted.run.id, {
      store: cut,
      solve: createModelSolver(await sharedModel(), lookupTask),
      lookupTask,
    });
    expect(resumed.complete).toBe(true);
    expect(resumed.ran).toBe(10 - 4);
    const configs = modelAccuracyConfigs(small);
    const table = (store: RunStore, runId: string, problems: typeof complete.problems) =>
      accuracyRows(problems, store.results(runId), configs);
    const wholeRows = table(whole, complete.run.id, complete.problems);
    // Each job has its own seed, so the cut-and-resumed run draws exactly what the whole run drew.
    expect(table(cut, aborted.run.id, resumed.problems)).toEqual(wholeRows);
    expect(wholeRows.map((row) => [row.level, row.greedyProblems, row.problems])).toEqual([
      [1, 2, 1],
      [2, 2, 1],
    ]);
    for (const row of wholeRows) {
      expect(row.passAt1).toBeLessThanOrEqual(row.passAtK);
      expect(row.tokensPerAnswer).toBeGreaterThan(0);
    }
    const sampledRows = whole.results(complete.run.id).filter((result) => result.config.startsWith('sampled'));
    expect(sampledRows.every((result) => result.sampleRecords.length === small.samples)).toBe(true);
    expect(formatAccuracyTable(wholeRows, small).split('\n')[0]).toContain('| majority@2 | pass@2 | tokens/answer |');
    whole.close();
    cut.close();
  }, 120_000);
});

describe('the held-out-shapes table', () => {
  it('puts greedy beside the same task and level in distribution, with the gap in signed points', () => {
    const row = (level: number, greedy: number): AccuracyRow => ({
      task: 'arithmetic',
      level,
      problems: 25,
      greedyProblems: 200,
      greedy,
      greedySubset: greedy,
      direct: 0,
      passAt1: greedy,
      majority: greedy,
      passAtK: 0.68,
      tokensPerAnswer: 70,
    });
    const lines = formatShapeGapTable([row(2, 0.52), row(3, 0.645), row(9, 0.1)], [row(2, 0.815), row(3, 0.615)], {
      count: 25,
      greedyCount: 200,
      samples: 8,
    }).split('\n');
    expect(lines[0]).toBe('| task | level | greedy (200) | in distribution | gap | pass@8 (25) |');
    expect(lines[2]).toBe('| arithmetic | 2 | 52.0 % | 81.5 % | −29.5 | 68 % |');
    expect(lines[3]).toBe('| arithmetic | 3 | 64.5 % | 61.5 % | +3.0 | 68 % |');
    expect(lines[4]).toBe('| arithmetic | 9 | 10.0 % |  |  | 68 % |');
  });
});
