import { describe, expect, it } from 'vitest';
import type { Task } from '../../spec/index.js';
import { RunStore } from '../../store/index.js';
import { createFakeSolver } from './fake-solver.js';
import type { Solver } from './job-record.js';
import { resumeBench, startBench } from './run-bench.js';

/** A tiny generator task (a + b) standing in for the real ones. */
const additionTask: Task = {
  name: 'addition',
  description: 'a + b',
  levels: [1, 2],
  generate: ({ seed, count, level }) =>
    Array.from({ length: count }, (_, index) => ({
      id: `addition/L${level}/seed${seed}/${index}`,
      task: 'addition',
      question: `What is ${index} + ${level}?`,
      answer: String(index + (level ?? 0)),
      ...(level === undefined ? {} : { level }),
    })),
  check: (question, candidate) => {
    const match = /What is (\d+) \+ (\d+)\?/.exec(question);
    return match !== null && Number(candidate) === Number(match[1]) + Number(match[2]);
  },
  matches: (question) => question.startsWith('What is'),
};
const lookupTask = (name: string) => (name === 'addition' ? additionTask : undefined);
const options = {
  task: 'addition',
  model: 'fake',
  efforts: 'none,high',
  strategies: 'self-consistency:n=8',
  n: 6,
  seed: 5,
  concurrency: 2,
};

describe('startBench / resumeBench', () => {
  it('runs every job once, grades with the task checker and interleaves levels', async () => {
    const store = RunStore.open(':memory:');
    const outcome = await startBench(options, { store, solve: createFakeSolver(), lookupTask });
    expect(outcome).toMatchObject({ ran: 18, complete: true });
    expect(outcome.problems.map((problem) => problem.level)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(store.countResults(outcome.run.id)).toEqual({ rows: 18, distinct: 18 });
    expect(store.getRun(outcome.run.id).status).toBe('completed');
    const results = store.results(outcome.run.id);
    for (const result of results)
      expect(result.correct).toBe(
        additionTask.check(outcome.problems.find((problem) => problem.id === result.problemId)?.question ?? '', result.answer ?? ''),
      );
    expect(results.filter((result) => result.config === 'self-consistency:n=8').every((result) => result.sampleRecords.length === 8)).toBe(
      true,
    );
  });

  it('resumes an aborted run without losing or duplicating jobs, and retries failed ones', async () => {
    const store = RunStore.open(':memory:');
    const controller = new AbortController();
    const fake = createFakeSolver();
    let calls = 0;
    const flaky: Solver = async (problem, config, context) => {
      calls++;
      if (calls === 2) throw new Error('transient backend failure');
      if (calls === 7) controller.abort();
      return fake(problem, config, context);
    };
    const first = await startBench({ ...options, concurrency: 1 }, { store, solve: flaky, lookupTask, signal: controller.signal });
    expect(first.complete).toBe(false);
    const partial = store.finishedJobKeys(first.run.id).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(18);
    expect(store.results(first.run.id).some((result) => result.error?.includes('transient'))).toBe(true);

    const seen: string[] = [];
    const second = await resumeBench(first.run.id, {
      store,
      solve: fake,
      lookupTask,
      onRecord: (record) => seen.push(`${record.problemId}|${record.config}`),
    });
    expect(second.complete).toBe(true);
    expect(seen).toHaveLength(18 - partial);
    expect(store.countResults(first.run.id)).toEqual({ rows: 18, distinct: 18 });
    expect(store.results(first.run.id).every((result) => result.error === null)).toBe(true);
  });

  it('rejects unknown tasks before creating a run', async () => {
    const store = RunStore.open(':memory:');
    await expect(startBench({ ...options, task: 'nope' }, { store, solve: createFakeSolver(), lookupTask })).rejects.toMatchObject({
      code: 'ST_UNKNOWN_TASK',
    });
    expect(store.listRuns()).toEqual([]);
  });
});
