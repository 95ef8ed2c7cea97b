/** @module Benchmark metrics (pure): accuracy with Wilson intervals, cost per correct answer, levels, difficulty bins, paired tests. */
import type { Price, TaskProblem } from '../../spec/index.js';
import type { StoredResult } from '../../store/index.js';
import { priceTokens } from './prices.js';
import { type Interval, mcnemarExactP, mean, median, pairedBootstrapInterval, wilsonInterval } from './statistics.js';

/** Accuracy and cost of one config over the problems it finished (failed jobs are counted apart, not as wrong). */
export interface ConfigSummary {
  config: string;
  n: number;
  correct: number;
  errors: number;
  accuracy: number;
  interval: Interval;
  meanCompletionTokens: number;
  medianCompletionTokens: number;
  meanReasoningTokens: number;
  meanPromptTokens: number;
  meanUsd: number;
  meanSeconds: number;
  meanSamples: number;
  meanCalls: number;
  /** Generated tokens spent per correct answer (null when none is correct). */
  tokensPerCorrect: number | null;
  usdPerCorrect: number | null;
  /** Dollars per correct answer at the hypothetical `--price`, when given. */
  pricedUsdPerCorrect: number | null;
}

/** Accuracy of one config inside one group of problems (a level or a difficulty bin). */
export interface GroupAccuracy {
  config: string;
  group: string;
  n: number;
  correct: number;
  accuracy: number;
  interval: Interval;
  meanCompletionTokens: number;
}

/** Two configs on the problems both finished: accuracy difference (first − second) with a paired bootstrap CI and McNemar. */
export interface PairedComparison {
  first: string;
  second: string;
  problems: number;
  firstAccuracy: number;
  secondAccuracy: number;
  difference: number;
  interval: Interval;
  onlyFirstCorrect: number;
  onlySecondCorrect: number;
  mcnemarP: number;
  /** Generated tokens of first / second on the shared problems. */
  tokenRatio: number | null;
}

const finished = (results: readonly StoredResult[]): StoredResult[] => results.filter((result) => result.error === null);

/** The configs in first-seen order. */
export function configsOf(results: readonly StoredResult[]): string[] {
  return [...new Set(results.map((result) => result.config))];
}

/** One summary per config. */
export function summarizeConfigs(
  results: readonly StoredResult[],
  configs: readonly string[] = configsOf(results),
  price?: Price,
): ConfigSummary[] {
  return configs.map((config) => {
    const all = results.filter((result) => result.config === config);
    const rows = finished(all);
    const correct = rows.filter((result) => result.correct).length;
    const tokens = rows.map((result) => result.completionTokens);
    const totalTokens = tokens.reduce((sum, value) => sum + value, 0);
    const totalUsd = rows.reduce((sum, result) => sum + result.costUsd, 0);
    const pricedUsd =
      price === undefined ? 0 : rows.reduce((sum, result) => sum + priceTokens(price, result.promptTokens, result.completionTokens), 0);
    return {
      config,
      n: rows.length,
      correct,
      errors: all.length - rows.length,
      accuracy: rows.length === 0 ? 0 : correct / rows.length,
      interval: wilsonInterval(correct, rows.length),
      meanCompletionTokens: mean(tokens),
      medianCompletionTokens: median(tokens),
      meanReasoningTokens: mean(rows.map((result) => result.reasoningTokens)),
      meanPromptTokens: mean(rows.map((result) => result.promptTokens)),
      meanUsd: mean(rows.map((result) => result.costUsd)),
      meanSeconds: mean(rows.map((result) => result.seconds)),
      meanSamples: mean(rows.map((result) => result.samples)),
      meanCalls: mean(rows.map((result) => result.calls)),
      tokensPerCorrect: correct === 0 ? null : totalTokens / correct,
      usdPerCorrect: correct === 0 ? null : totalUsd / correct,
      pricedUsdPerCorrect: price === undefined || correct === 0 ? null : pricedUsd / correct,
    };
  });
}

/** Accuracy per config and group, for any grouping of problems (levels, difficulty bins). */
export function accuracyByGroup(
  results: readonly StoredResult[],
  groupOf: (problemId: string) => string | undefined,
  configs: readonly string[] = configsOf(results),
): GroupAccuracy[] {
  const groups = new Map<string, Map<string, StoredResult[]>>();
  for (const result of finished(results)) {
    const group = groupOf(result.problemId);
    if (group === undefined) continue;
    const byConfig = groups.get(group) ?? new Map<string, StoredResult[]>();
    byConfig.set(result.config, [...(byConfig.get(result.config) ?? []), result]);
    groups.set(group, byConfig);
  }
  const rows: GroupAccuracy[] = [];
  for (const group of [...groups.keys()].sort()) {
    for (const config of configs) {
      const list = groups.get(group)?.get(config) ?? [];
      if (list.length === 0) continue;
      const correct = list.filter((result) => result.correct).length;
      rows.push({
        config,
        group,
        n: list.length,
        correct,
        accuracy: correct / list.length,
        interval: wilsonInterval(correct, list.length),
        meanCompletionTokens: mean(list.map((result) => result.completionTokens)),
      });
    }
  }
  return rows;
}

/** Level label of each problem that has one (`L1` …). */
export function levelGroups(problems: readonly TaskProblem[]): (problemId: string) => string | undefined {
  const levels = new Map(problems.filter((problem) => problem.level !== undefined).map((problem) => [problem.id, `L${problem.level}`]));
  return (problemId) => levels.get(problemId);
}

/** Configs that measure the model's single-try ability (used for difficulty when no per-sample data exists). */
const SINGLE_TRY = /^(effort=(none|minimal)|direct|cot)$/;

/**
 * Estimated pass@1 per problem: the share of correct individual samples over every sampling config, when any job drew
 * samples; else the share of correct single-try configs (effort none/minimal, direct, cot); else of all configs.
 */
export function estimatePassAtOne(results: readonly StoredResult[]): { source: string; passAtOne: Map<string, number> } {
  const rows = finished(results);
  const tally = (pick: (result: StoredResult) => Array<boolean>): Map<string, number> => {
    const counts = new Map<string, { correct: number; total: number }>();
    for (const result of rows) {
      const outcomes = pick(result);
      if (outcomes.length === 0) continue;
      const count = counts.get(result.problemId) ?? { correct: 0, total: 0 };
      count.correct += outcomes.filter(Boolean).length;
      count.total += outcomes.length;
      counts.set(result.problemId, count);
    }
    return new Map([...counts].map(([id, count]) => [id, count.correct / count.total]));
  };
  if (rows.some((result) => result.sampleRecords.length > 0)) {
    return {
      source: 'share of correct individual samples',
      passAtOne: tally((result) => result.sampleRecords.map((sample) => sample.correct)),
    };
  }
  if (rows.some((result) => SINGLE_TRY.test(result.config))) {
    return {
      source: 'single-try configs (effort none/minimal, direct, cot)',
      passAtOne: tally((result) => (SINGLE_TRY.test(result.config) ? [result.correct] : [])),
    };
  }
  return { source: 'all configs', passAtOne: tally((result) => [result.correct]) };
}

/** Five fixed bins of estimated pass@1, hardest first: `1: pass@1 < 20%` … `5: ≥ 80%`. */
export function difficultyBin(passAtOne: number): string {
  const labels = ['1 hardest (<20%)', '2 (20-40%)', '3 (40-60%)', '4 (60-80%)', '5 easiest (≥80%)'];
  return labels[Math.max(0, Math.min(4, Math.floor(passAtOne * 5)))] as string;
}

/** Paired comparison of two configs on the problems both finished. */
export function comparePaired(results: readonly StoredResult[], first: string, second: string, seed = 1): PairedComparison {
  const byProblem = (config: string) =>
    new Map(
      finished(results)
        .filter((result) => result.config === config)
        .map((result) => [result.problemId, result]),
    );
  const firstRows = byProblem(first);
  const secondRows = byProblem(second);
  const pairs = [...firstRows].flatMap(([id, row]) => {
    const other = secondRows.get(id);
    return other === undefined ? [] : [[row, other] as const];
  });
  const differences = pairs.map(([a, b]) => Number(a.correct) - Number(b.correct));
  const secondTokens = pairs.reduce((sum, [, b]) => sum + b.completionTokens, 0);
  return {
    first,
    second,
    problems: pairs.length,
    firstAccuracy: mean(pairs.map(([a]) => Number(a.correct))),
    secondAccuracy: mean(pairs.map(([, b]) => Number(b.correct))),
    difference: mean(differences),
    interval: pairedBootstrapInterval(differences, 2000, seed),
    onlyFirstCorrect: differences.filter((value) => value === 1).length,
    onlySecondCorrect: differences.filter((value) => value === -1).length,
    mcnemarP: mcnemarExactP(differences.filter((value) => value === 1).length, differences.filter((value) => value === -1).length),
    tokenRatio: secondTokens === 0 ? null : pairs.reduce((sum, [a]) => sum + a.completionTokens, 0) / secondTokens,
  };
}
