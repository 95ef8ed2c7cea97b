/** @module Turns a stored bench run (problems and their ordered, graded samples) into the problems a router is fitted on. */
import type { StoredProblem, StoredResult } from '../store/index.js';
import { listTasks } from '../tasks/index.js';
import { createAnswerKey } from '../verify/index.js';
import { sizeOf } from './features.js';
import type { RoutingProblem } from './fit.js';

/** The config of a run whose jobs kept the most samples (a self-consistency or best-of-n run with n = 64), or undefined. */
export function samplingConfig(results: readonly StoredResult[]): string | undefined {
  const most = new Map<string, number>();
  for (const result of results) most.set(result.config, Math.max(most.get(result.config) ?? 0, result.sampleRecords.length));
  const [config, samples] = [...most.entries()].sort((left, right) => right[1] - left[1])[0] ?? [];
  return samples !== undefined && samples > 2 ? config : undefined;
}

/** The run's problems under `config` that finished, each with its samples' vote keys (the task's answer key) in drawing order. */
export function routingProblems(
  runId: string,
  problems: readonly StoredProblem[],
  results: readonly StoredResult[],
  config: string,
): RoutingProblem[] {
  const byProblem = new Map(
    results.filter((result) => result.config === config && result.error === null).map((result) => [result.problemId, result]),
  );
  return problems.flatMap((problem) => {
    const result = byProblem.get(problem.id);
    if (!result || result.sampleRecords.length === 0) return [];
    const task = listTasks().find((candidate) => candidate.name === problem.task);
    const answers = createAnswerKey(task, { question: problem.question });
    return [
      {
        id: `${runId}/${problem.id}`,
        task: task?.name ?? '*',
        size: sizeOf(task?.name, problem.question),
        samples: result.sampleRecords.map((sample) => {
          const key = sample.answer === undefined ? undefined : answers.normalize(sample.answer);
          return { key: key === '' ? undefined : key, correct: sample.correct, tokens: sample.tokens ?? 0, score: sample.score };
        }),
      },
    ];
  });
}
