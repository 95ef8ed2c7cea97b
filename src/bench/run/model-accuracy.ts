/**
 * @module Model accuracy as a bench run (`npm run bench:model`): greedy, no-thinking and T>0 sampled configs straight on
 * a `Model`, over every task and level, stored and resumable like any run; its table comes from the stored rows.
 */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { GenerateRequest, Model, ProblemSplit, Task, TaskProblem } from '../../spec/index.js';
import type { SampleRecord, StoredResult } from '../../store/index.js';
import { createAnswerKey } from '../../verify/index.js';
import { createGrader, type TaskLookup } from '../problems/problem-source.js';
import { mean, passAtK, topVoted } from '../statistics/statistics.js';
import type { BenchConfig } from './bench-config.js';
import type { Solver } from './job-record.js';

/** The vote of a declined sample where declining is right (an unsolvable draw). */
const DECLINED = '(declined)';

/** What a model-accuracy run measures (stored with the run as its settings). */
export interface ModelAccuracySettings {
  tier: string;
  path?: string | undefined;
  /** Problems per level for the sampled config (the first of the greedy ones). */
  count: number;
  /** Problems per level for greedy and no-thinking (≥ count). */
  greedyCount: number;
  /** k: samples per problem. */
  samples: number;
  temperature: number;
  task?: string | undefined;
  levels?: number[] | undefined;
  split: ProblemSplit;
}

/** The three configs: greedy and no-thinking on every problem, k samples at the temperature on the first `count` per level. */
export function modelAccuracyConfigs(settings: Pick<ModelAccuracySettings, 'count' | 'samples' | 'temperature'>): BenchConfig[] {
  const { samples: n, temperature } = settings;
  return [
    { key: 'greedy', strategy: 'greedy', options: {} },
    { key: 'no-thinking', strategy: 'no-thinking', options: {} },
    { key: `sampled:n=${n},temperature=${temperature}`, strategy: 'sampled', options: { n, temperature }, firstPerLevel: settings.count },
  ];
}

/** The held-out problems: `greedyCount` per level of every task (or the chosen task and levels), task by task, level by level. */
export function modelAccuracyProblems(tasks: readonly Task[], settings: ModelAccuracySettings, seed: number): TaskProblem[] {
  return tasks
    .filter((task) => settings.task === undefined || task.name === settings.task)
    .flatMap((task) =>
      task.levels
        .filter((level) => settings.levels === undefined || settings.levels.includes(level))
        .flatMap((level) => task.generate({ seed, count: settings.greedyCount, level, split: settings.split })),
    );
}

interface GradedSample {
  text: string;
  answer: string | undefined;
  correct: boolean;
  /** The task's normal form of the answer: equal answers vote together (`12 m/s` and `43.2 km/h`). */
  vote: string | undefined;
  tokens: number;
}

/** The first sample of the most-voted answer (ties: the earliest), or undefined when no sample votes. */
function majorityWinner(samples: readonly GradedSample[]): GradedSample | undefined {
  return topVoted(samples, (sample) => sample.vote)[0];
}

/**
 * Solves a job with one direct model call: `greedy` (T=0), `no-thinking` (T=0, thinking off) or `sampled` (n samples at
 * the temperature, the job's answer their majority). Each sample is graded with its own text, so declining counts only
 * where it is stated.
 */
export function createModelSolver(model: Model, lookupTask: TaskLookup): Solver {
  const grade = createGrader(lookupTask);
  return async (problem, config, context) => {
    const task = lookupTask(problem.task);
    if (task === undefined) throw new SlowthinkError(ERROR_CODES.UNKNOWN_TASK, `Unknown task "${problem.task}"`, { param: 'task' });
    const request: GenerateRequest = { messages: [{ role: 'user', content: problem.question }], signal: context.signal };
    if (config.strategy === 'sampled') {
      request.n = Number(config.options['n']);
      request.temperature = Number(config.options['temperature']);
      request.seed = context.seed;
    } else request.temperature = 0;
    if (config.strategy === 'no-thinking') request.thinking = false;
    const started = performance.now();
    const result = await model.doGenerate(request);
    const seconds = (performance.now() - started) / 1000;
    const key = createAnswerKey(task, { question: problem.question });
    const graded = result.samples.map((sample): GradedSample => {
      const answer = key.extract(sample.text);
      const normal = answer === undefined || answer === '' ? '' : key.normalize(answer);
      return {
        text: sample.text,
        answer,
        correct: grade(problem, answer, sample.text),
        vote: answer === undefined ? (problem.unanswerable ? DECLINED : undefined) : normal === '' ? undefined : normal,
        tokens: sample.usage.completionTokens ?? 0,
      };
    });
    const chosen = config.strategy === 'sampled' ? majorityWinner(graded) : graded[0];
    const sampleRecords: SampleRecord[] = graded.map((sample) => ({
      answer: sample.vote,
      correct: sample.correct,
      tokens: sample.tokens,
      score: undefined,
      confidence: undefined,
    }));
    return {
      text: chosen?.text ?? '',
      answer: chosen?.answer,
      usage: {
        promptTokens: result.usage.promptTokens ?? 0,
        completionTokens: result.usage.completionTokens ?? 0,
        reasoningTokens: result.usage.reasoningTokens ?? 0,
        cachedTokens: result.usage.cachedTokens ?? 0,
      },
      costUsd: result.costUsd,
      seconds,
      samples: result.samples.length,
      calls: 1,
      finishReason: result.samples.every((sample) => sample.finishReason === 'stop') ? ('stop' as const) : ('length' as const),
      sampleRecords,
    };
  };
}

/** One line of the accuracy table: one task and level. */
export interface AccuracyRow {
  task: string;
  level: number;
  /** Problems behind the sampled columns. */
  problems: number;
  /** Problems behind greedy and direct (≥ problems). */
  greedyProblems: number;
  greedy: number;
  /** Greedy on the problems behind the sampled columns (compare pass@k with this). */
  greedySubset: number;
  direct: number;
  passAt1: number;
  majority: number;
  passAtK: number;
  tokensPerAnswer: number;
}

const share = (rows: readonly StoredResult[]): number => mean(rows.map((row) => Number(row.correct)));

/** The table from a run's stored rows (finished jobs only, so an unfinished run shows what it has), with src/bench's statistics. */
export function accuracyRows(
  problems: readonly TaskProblem[],
  results: readonly StoredResult[],
  configs: readonly BenchConfig[],
): AccuracyRow[] {
  const [greedy, direct, sampled] = configs.map((config) => config.key);
  const finished = results.filter((result) => result.error === null);
  const groups = new Map<string, TaskProblem[]>();
  for (const problem of problems) {
    const group = `${problem.task} ${problem.level ?? 0}`;
    groups.set(group, [...(groups.get(group) ?? []), problem]);
  }
  return [...groups.values()].flatMap((group): AccuracyRow[] => {
    const ids = new Set(group.map((problem) => problem.id));
    const rowsOf = (config: string | undefined) => finished.filter((result) => result.config === config && ids.has(result.problemId));
    const sampledRows = rowsOf(sampled);
    const sampledIds = new Set(sampledRows.map((row) => row.problemId));
    const greedyRows = rowsOf(greedy);
    const first = group[0];
    if (first === undefined || greedyRows.length === 0) return [];
    const sampleCounts = sampledRows.map((row) => ({ n: row.sampleRecords.length, c: row.sampleRecords.filter((s) => s.correct).length }));
    const k = Math.max(0, ...sampleCounts.map((count) => count.n));
    return [
      {
        task: first.task,
        level: first.level ?? 0,
        problems: sampledRows.length,
        greedyProblems: greedyRows.length,
        greedy: share(greedyRows),
        greedySubset: share(greedyRows.filter((row) => sampledIds.has(row.problemId))),
        direct: share(rowsOf(direct)),
        passAt1: mean(sampleCounts.map((count) => passAtK(count.n, count.c, 1))),
        majority: share(sampledRows),
        passAtK: mean(sampleCounts.map((count) => passAtK(count.n, count.c, k))),
        tokensPerAnswer: mean(sampledRows.flatMap((row) => row.sampleRecords.map((sample) => sample.tokens ?? 0))),
      },
    ];
  });
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

/** The markdown table models/*.md quote: direct, greedy, greedy on the sampled problems, pass@1, majority@k, pass@k, tokens/answer. */
export function formatAccuracyTable(
  rows: readonly AccuracyRow[],
  settings: Pick<ModelAccuracySettings, 'count' | 'samples' | 'temperature'>,
): string {
  const { count, samples: k, temperature } = settings;
  return [
    `| task | level | direct (no thinking) | greedy | greedy, first ${count} | pass@1 (T=${temperature}) | majority@${k} | pass@${k} | tokens/answer |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.task} | ${row.level} | ${percent(row.direct)} | ${percent(row.greedy)} | ${percent(row.greedySubset)} | ${percent(row.passAt1)} | ${percent(row.majority)} | ${percent(row.passAtK)} | ${row.tokensPerAnswer.toFixed(0)} |`,
    ),
  ].join('\n');
}

/**
 * The held-out-shapes table: greedy on shapes training never saw beside greedy on the same task and level in
 * distribution (another stored run), the gap in points, and pass@k on the sampled problems.
 */
export function formatShapeGapTable(
  heldOut: readonly AccuracyRow[],
  inDistribution: readonly AccuracyRow[],
  settings: Pick<ModelAccuracySettings, 'count' | 'greedyCount' | 'samples'>,
): string {
  const points = (value: number) => `${value < 0 ? '−' : '+'}${Math.abs(value * 100).toFixed(1)}`;
  return [
    `| task | level | greedy (${settings.greedyCount}) | in distribution | gap | pass@${settings.samples} (${settings.count}) |`,
    '|---|---|---|---|---|---|',
    ...heldOut.map((row) => {
      const base = inDistribution.find((other) => other.task === row.task && other.level === row.level);
      const gap = base === undefined ? '' : points(row.greedy - base.greedy);
      return `| ${row.task} | ${row.level} | ${percent(row.greedy)} | ${base === undefined ? '' : percent(base.greedy)} | ${gap} | ${(row.passAtK * 100).toFixed(0)} % |`;
    }),
  ].join('\n');
}
