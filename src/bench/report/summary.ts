/** @module Builds a run's full summary (what results.json, the report and `--json` show) from stored rows. */
import type { TaskProblem } from '../../spec/index.js';
import type { RunRecord, StoredResult } from '../../store/index.js';
import {
  accuracyByGroup,
  type ConfigSummary,
  comparePaired,
  configsOf,
  difficultyBin,
  estimatePassAtOne,
  type GroupAccuracy,
  levelGroups,
  type PairedComparison,
  summarizeConfigs,
} from '../statistics/metrics.js';
import type { NamedPrice } from '../statistics/prices.js';
import { type SamplingCurve, samplingCurves } from '../statistics/sampling-curves.js';
import { type SubsampledComparison, subsampledComparisons } from '../statistics/subsampled-comparison.js';

/** Everything measured in one run. */
export interface BenchSummary {
  run: {
    id: string;
    task: string;
    model: string;
    status: string;
    createdAt: string;
    jobs: number;
    finished: number;
    errors: number;
    problems: number;
  };
  /** The run's settings as stored (seed, level, temperature, verifier …), without the config list. */
  settings: Record<string, unknown>;
  price: string | null;
  configs: ConfigSummary[];
  byLevel: GroupAccuracy[];
  difficulty: { source: string; bins: GroupAccuracy[] };
  comparisons: PairedComparison[];
  samplingCurves: SamplingCurve[];
  /** Adaptive configs against majority@N subsampled from a larger stored sample set (see subsampled-comparison.ts). */
  subsampledComparisons: SubsampledComparison[];
}

/** Pairs worth comparing: every config against the first, and each adaptive-consistency against each self-consistency. */
export function comparisonPairs(configs: readonly string[]): Array<[string, string]> {
  const [baseline, ...rest] = configs;
  const pairs: Array<[string, string]> = baseline === undefined ? [] : rest.map((config) => [config, baseline]);
  for (const adaptive of configs.filter((config) => config.includes('adaptive-consistency'))) {
    for (const plain of configs.filter((config) => /(^|\/)self-consistency/.test(config))) {
      pairs.push([adaptive, plain]);
    }
  }
  const seen = new Set<string>();
  return pairs.filter(([a, b]) => {
    const key = `${a}\u0000${b}`;
    if (seen.has(key) || seen.has(`${b}\u0000${a}`)) return false;
    seen.add(key);
    return true;
  });
}

/** Summarizes a run; `configs` fixes the order (the run's configs), defaulting to the order results appear in. */
export function buildSummary(
  run: RunRecord,
  problems: readonly TaskProblem[],
  results: readonly StoredResult[],
  options: { configs?: readonly string[]; price?: NamedPrice | undefined } = {},
): BenchSummary {
  const configs = (options.configs ?? configsOf(results)).filter((config) => results.some((result) => result.config === config));
  const difficulty = estimatePassAtOne(results);
  const errors = results.filter((result) => result.error !== null).length;
  const curves = samplingCurves(results);
  return {
    run: {
      id: run.id,
      task: run.task,
      model: run.model,
      status: run.status,
      createdAt: run.createdAt,
      jobs: run.jobCount,
      finished: results.length - errors,
      errors,
      problems: problems.length,
    },
    settings: Object.fromEntries(Object.entries(run.options).filter(([key]) => key !== 'configs')),
    price: options.price?.label ?? null,
    configs: summarizeConfigs(results, configs, options.price),
    byLevel: accuracyByGroup(results, levelGroups(problems), configs),
    difficulty: {
      source: difficulty.source,
      bins: accuracyByGroup(
        results,
        (problemId) => {
          const value = difficulty.passAtOne.get(problemId);
          return value === undefined ? undefined : difficultyBin(value);
        },
        configs,
      ),
    },
    comparisons: comparisonPairs(configs).map(([first, second]) => comparePaired(results, first, second)),
    samplingCurves: curves,
    subsampledComparisons: subsampledComparisons(results, curves),
  };
}
