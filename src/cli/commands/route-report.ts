/** @module The summary `route fit|eval` prints: the router against every fixed plan on the same problems, with intervals, its table, and a plot. */
import { writeFileSync } from 'node:fs';
import { PALETTE } from '../../bench/report/chart-options.js';
import { renderSvg, svgToPng } from '../../bench/report/render-chart.js';
import { mcnemarExactP, mean, pairedBootstrapInterval, wilsonInterval } from '../../bench/statistics/statistics.js';
import { type ReplayedProblem, type RoutedOutcome, type Router, type RouterCell, referenceLabel } from '../../route/index.js';

/** Other configs of the fitted runs (a live `effort=auto`, say): outcome per problem id. */
export type OtherConfigs = Map<string, Map<string, { correct: boolean; tokens: number }>>;

export interface SummaryRow {
  name: string;
  family: string;
  problems: number;
  accuracy: number;
  low: number;
  high: number;
  meanTokens: number;
  /** Mean tokens over the reference's on the same problems. */
  tokenRatio: number;
}

export interface RouteSummary {
  model: string;
  runs: string[];
  config: string;
  evaluation: string;
  folds: number;
  tokensPerAnswer: number;
  problems: number;
  byTask: Record<string, number>;
  reference: string;
  rows: SummaryRow[];
  comparison: {
    difference: number;
    low: number;
    high: number;
    onlyRouter: number;
    onlyReference: number;
    mcnemarP: number;
    tokenRatio: number;
  };
  taskRows: Array<{ task: string; problems: number; router: number; routerTokens: number; reference: number; referenceTokens: number }>;
  routes: Record<string, number>;
  cells: RouterCell[];
  sweep: Array<{ tokensPerAnswer: number; accuracy: number; meanTokens: number; tokenRatio: number }>;
}

const ROUTER_ROW = 'router';

function familyOf(label: string): string {
  if (label === 'single' || label === 'stop' || label.startsWith('vote@')) return 'self-consistency';
  if (label.startsWith('adaptive@')) return 'adaptive';
  if (label.startsWith('best@')) return 'best-of-n';
  return label;
}

function displayName(label: string): string {
  if (label === 'single') return 'SC@1 (one chain)';
  if (label === 'stop') return 'SC@2 (the probes)';
  if (label.startsWith('vote@')) return `SC@${label.slice(5)}`;
  if (label.startsWith('best@')) return `BoN@${label.slice(5)}`;
  return label;
}

function row(
  name: string,
  family: string,
  outcomes: ReadonlyArray<{ correct: boolean; tokens: number }>,
  referenceTokens: number,
): SummaryRow {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  const interval = wilsonInterval(correct, outcomes.length);
  const meanTokens = mean(outcomes.map((outcome) => outcome.tokens));
  return {
    name,
    family,
    problems: outcomes.length,
    accuracy: correct / Math.max(1, outcomes.length),
    low: interval.low,
    high: interval.high,
    meanTokens,
    tokenRatio: meanTokens / Math.max(1, referenceTokens),
  };
}

/** Builds the summary; the reference is the more accurate of SC and BoN at the largest N. */
export function buildRouteSummary(input: {
  router: Router;
  replayed: readonly ReplayedProblem[];
  routed: readonly RoutedOutcome[];
  sweep: ReadonlyArray<{ tokensPerAnswer: number; routed: readonly RoutedOutcome[] }>;
  others: OtherConfigs;
  folds: number;
  evaluation: string;
}): RouteSummary {
  const { replayed, routed } = input;
  const labels = [...(replayed[0]?.outcomes.keys() ?? [])];
  const outcomesOf = (label: string) => replayed.map((problem) => problem.outcomes.get(label) ?? { correct: false, tokens: 0, samples: 0 });
  const reference = referenceLabel(replayed);
  const referenceOutcomes = outcomesOf(reference);
  const referenceTokens = mean(referenceOutcomes.map((outcome) => outcome.tokens));
  const rows = [
    row(
      `${ROUTER_ROW} (${input.evaluation})`,
      ROUTER_ROW,
      routed.map((entry) => entry.outcome),
      referenceTokens,
    ),
    ...labels.map((label) => row(displayName(label), familyOf(label), outcomesOf(label), referenceTokens)),
  ];
  for (const [config, byProblem] of input.others) {
    const outcomes = replayed.flatMap((problem) => byProblem.get(problem.id) ?? []);
    const paired = replayed.flatMap((problem, index) => (byProblem.has(problem.id) ? [referenceOutcomes[index]?.tokens ?? 0] : []));
    if (outcomes.length > 0) rows.push(row(`${config} (live)`, 'live', outcomes, mean(paired)));
  }
  const differences = routed.map((entry, index) => Number(entry.outcome.correct) - Number(referenceOutcomes[index]?.correct ?? false));
  const interval = pairedBootstrapInterval(differences);
  const onlyRouter = differences.filter((difference) => difference > 0).length;
  const onlyReference = differences.filter((difference) => difference < 0).length;
  const tasks = [...new Set(replayed.map((problem) => problem.task))].sort();
  const taskRows = tasks.map((task) => {
    const indices = replayed.flatMap((problem, index) => (problem.task === task ? [index] : []));
    const pick = <T>(list: readonly T[]) => indices.map((index) => list[index] as T);
    const ofRouter = pick(routed).map((entry) => entry.outcome);
    const ofReference = pick(referenceOutcomes);
    return {
      task,
      problems: indices.length,
      router: ofRouter.filter((outcome) => outcome.correct).length / indices.length,
      routerTokens: mean(ofRouter.map((outcome) => outcome.tokens)),
      reference: ofReference.filter((outcome) => outcome.correct).length / indices.length,
      referenceTokens: mean(ofReference.map((outcome) => outcome.tokens)),
    };
  });
  const routes: Record<string, number> = {};
  for (const entry of routed) routes[entry.label] = (routes[entry.label] ?? 0) + 1;
  return {
    model: input.router.model,
    runs: input.router.runs,
    config: input.router.config,
    evaluation: input.evaluation,
    folds: input.folds,
    tokensPerAnswer: input.router.selection.tokensPerAnswer,
    problems: replayed.length,
    byTask: Object.fromEntries(tasks.map((task) => [task, replayed.filter((problem) => problem.task === task).length])),
    reference: displayName(reference),
    rows,
    comparison: {
      difference: mean(differences),
      low: interval.low,
      high: interval.high,
      onlyRouter,
      onlyReference,
      mcnemarP: mcnemarExactP(onlyRouter, onlyReference),
      tokenRatio: rows[0]?.tokenRatio ?? 0,
    },
    taskRows,
    routes,
    cells: input.router.cells,
    sweep: input.sweep.map((point) => {
      const tokens = mean(point.routed.map((entry) => entry.outcome.tokens));
      return {
        tokensPerAnswer: point.tokensPerAnswer,
        accuracy: mean(point.routed.map((entry) => Number(entry.outcome.correct))),
        meanTokens: tokens,
        tokenRatio: tokens / Math.max(1, referenceTokens),
      };
    }),
  };
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');

/** The summary as Markdown tables (what docs/routing.md quotes). */
export function renderRouteSummary(summary: RouteSummary, routerPath: string): string {
  const comparison = summary.comparison;
  const tasks = Object.entries(summary.byTask)
    .map(([task, count]) => `${task} ${count}`)
    .join(', ');
  return [
    `Router for ${summary.model}: ${routerPath}`,
    `Runs ${summary.runs.join(', ')} (${summary.config}); ${summary.problems} problems (${tasks}); ${summary.evaluation}${summary.folds > 0 ? `, ${summary.folds} folds by problem` : ''}; tokens per answer ${summary.tokensPerAnswer}.`,
    '',
    table(
      ['plan', 'problems', 'accuracy', '95% CI', 'gen. tokens / problem', `× ${summary.reference} tokens`],
      summary.rows.map((entry) => [
        entry.name,
        String(entry.problems),
        percent(entry.accuracy),
        `${percent(entry.low)}–${percent(entry.high)}`,
        entry.meanTokens.toFixed(0),
        entry.tokenRatio.toFixed(3),
      ]),
    ),
    '',
    `Router − ${summary.reference}, paired by problem: ${(100 * comparison.difference).toFixed(1)} pts (95% bootstrap CI ${(100 * comparison.low).toFixed(1)} … ${(100 * comparison.high).toFixed(1)}), only router right ${comparison.onlyRouter}, only ${summary.reference} right ${comparison.onlyReference}, McNemar p = ${comparison.mcnemarP.toFixed(3)}; tokens ${comparison.tokenRatio.toFixed(3)}× (goal ≤ 0.25).`,
    '',
    table(
      ['task', 'problems', 'router', 'router tokens', summary.reference, `${summary.reference} tokens`],
      summary.taskRows.map((entry) => [
        entry.task,
        String(entry.problems),
        percent(entry.router),
        entry.routerTokens.toFixed(0),
        percent(entry.reference),
        entry.referenceTokens.toFixed(0),
      ]),
    ),
    '',
    `Routes taken: ${Object.entries(summary.routes)
      .sort((left, right) => right[1] - left[1])
      .map(([label, count]) => `${label} ${count}`)
      .join(', ')}`,
    '',
    'Fitted table (all problems):',
    '',
    table(
      ['task', 'size', 'problems', 'first', 'agree (problems)', 'disagree (problems)'],
      summary.cells.map((cell) => [
        cell.task,
        cell.size,
        String(cell.problems),
        cell.first,
        `${cell.agree} (${cell.agreeProblems})`,
        `${cell.disagree} (${cell.disagreeProblems})`,
      ]),
    ),
    ...(summary.sweep.length === 0
      ? []
      : [
          '',
          'Tokens per answer swept (cross-validated):',
          '',
          table(
            ['tokens per answer', 'accuracy', 'gen. tokens / problem', `× ${summary.reference} tokens`],
            summary.sweep.map((point) => [
              String(point.tokensPerAnswer),
              percent(point.accuracy),
              point.meanTokens.toFixed(0),
              point.tokenRatio.toFixed(3),
            ]),
          ),
        ]),
  ].join('\n');
}

/** Writes `<base>.svg` and `<base>.png`: accuracy against mean generated tokens, one line per plan family. */
export function writeRoutePlot(base: string, summary: RouteSummary): void {
  const families = [...new Set(summary.rows.map((entry) => entry.family))];
  const series = families.map((family, index) => {
    const points =
      family === ROUTER_ROW && summary.sweep.length > 0
        ? summary.sweep.map((point) => [point.meanTokens, 100 * point.accuracy])
        : summary.rows.filter((entry) => entry.family === family).map((entry) => [entry.meanTokens, 100 * entry.accuracy]);
    return {
      name: family === ROUTER_ROW ? 'router (tokens-per-answer sweep)' : family,
      type: 'line',
      data: points.sort((left, right) => (left[0] ?? 0) - (right[0] ?? 0)),
      symbolSize: 8,
      lineStyle: { width: family === 'live' ? 0 : 2 },
      color: PALETTE[index % PALETTE.length],
    };
  });
  const lowest = Math.min(...series.flatMap((entry) => entry.data.map((point) => point[1] ?? 100)));
  const option = {
    title: { text: `Accuracy against tokens: ${summary.model}, ${summary.problems} problems`, left: 'center' },
    legend: { top: 36 },
    grid: { top: 80, left: 70, right: 30, bottom: 60 },
    xAxis: { type: 'log', name: 'generated tokens per problem (mean)', nameLocation: 'middle', nameGap: 35 },
    yAxis: { type: 'value', name: 'accuracy (%)', min: Math.max(0, Math.floor(lowest / 5) * 5 - 5), max: 100 },
    series,
  };
  const svg = renderSvg(option);
  writeFileSync(`${base}.svg`, svg);
  writeFileSync(`${base}.png`, svgToPng(svg));
}
