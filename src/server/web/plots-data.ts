/** @module The numbers behind a run's plots: per config, accuracy against tokens, cost per correct answer, accuracy by level. */
import { wilsonInterval } from '../../bench/statistics/statistics.js';
import type { StoredProblem, StoredResult } from '../../store/records.js';

/** The 95 % Wilson interval (src/bench's) as the plots draw it: a pair. */
function intervalOf(correct: number, total: number): [number, number] {
  const { low, high } = wilsonInterval(correct, total);
  return [low, high];
}

/** One configuration of a run, summarised over its finished jobs (the web app's plots import this type). */
export interface ConfigSummary {
  config: string;
  jobs: number;
  correct: number;
  accuracy: number;
  /** 95 % Wilson interval of the accuracy. */
  interval: [number, number];
  meanCompletionTokens: number;
  /** Generated tokens per correct answer (null when none was correct). */
  tokensPerCorrect: number | null;
  usdPerCorrect: number | null;
  meanSeconds: number;
  /** Accuracy by difficulty level, for the levels this run has. */
  byLevel: Array<{ level: number; jobs: number; accuracy: number }>;
}

/** Summaries in the order configs first appear; failed jobs (errors) are left out, as the bench report does. */
export function summariseConfigs(results: readonly StoredResult[], problems: readonly StoredProblem[]): ConfigSummary[] {
  const levels = new Map(problems.map((problem) => [problem.id, problem.level]));
  const groups = new Map<string, StoredResult[]>();
  for (const result of results) {
    if (result.error !== null) continue;
    const group = groups.get(result.config) ?? [];
    group.push(result);
    groups.set(result.config, group);
  }
  return [...groups].map(([config, group]) => {
    const correct = group.filter((result) => result.correct).length;
    const tokens = group.reduce((sum, result) => sum + result.completionTokens, 0);
    const usd = group.reduce((sum, result) => sum + result.costUsd, 0);
    const byLevel = new Map<number, { jobs: number; correct: number }>();
    for (const result of group) {
      const level = levels.get(result.problemId);
      if (level === undefined) continue;
      const entry = byLevel.get(level) ?? { jobs: 0, correct: 0 };
      entry.jobs += 1;
      entry.correct += result.correct ? 1 : 0;
      byLevel.set(level, entry);
    }
    return {
      config,
      jobs: group.length,
      correct,
      accuracy: correct / group.length,
      interval: intervalOf(correct, group.length),
      meanCompletionTokens: tokens / group.length,
      tokensPerCorrect: correct === 0 ? null : tokens / correct,
      usdPerCorrect: correct === 0 ? null : usd / correct,
      meanSeconds: group.reduce((sum, result) => sum + result.seconds, 0) / group.length,
      byLevel: [...byLevel]
        .sort(([a], [b]) => a - b)
        .map(([level, entry]) => ({ level, jobs: entry.jobs, accuracy: entry.correct / entry.jobs })),
    };
  });
}
