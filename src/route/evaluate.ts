/** @module Evaluating a router offline: cross-validated by problem (each fold routed by a table fitted on the others), or a fitted table on other problems. */
import { type FitOptions, fitCells, foldsOf, type ReplayedProblem, routedLabel } from './fit.js';
import { parsePlan, type ReplayOutcome, replayPlan } from './plans.js';
import { cellFor, type RouterCell } from './router-file.js';

/** What the router did on one problem it was not fitted on. */
export interface RoutedOutcome {
  id: string;
  task: string;
  label: string;
  outcome: ReplayOutcome;
}

/** Routes each problem with `cells` (its plan replayed from its stored samples; a plan not replayed yet is replayed now). */
export function applyCells(cells: readonly RouterCell[], problems: readonly ReplayedProblem[], random: () => number): RoutedOutcome[] {
  return problems.map((problem) => {
    const cell = cellFor({ cells: [...cells] }, { task: problem.task, size: problem.size });
    const label = routedLabel(cell, problem);
    const outcome = problem.outcomes.get(label) ?? replayPlan(parsePlan(label), problem.samples, random);
    return { id: problem.id, task: problem.task, label, outcome };
  });
}

/** K-fold by problem: each fold is routed by the cells `fitFolds` builds from the other folds alone. Outcomes in input order. */
function routeByFolds(
  problems: readonly ReplayedProblem[],
  folds: number,
  random: () => number,
  fitFolds: (training: readonly ReplayedProblem[]) => RouterCell[],
): RoutedOutcome[] {
  const byId = new Map<string, RoutedOutcome>();
  for (const held of foldsOf(problems, Math.max(2, Math.min(folds, problems.length)), random)) {
    const heldIds = new Set(held.map((problem) => problem.id));
    const cells = fitFolds(problems.filter((problem) => !heldIds.has(problem.id)));
    for (const routed of applyCells(cells, held, random)) byId.set(routed.id, routed);
  }
  return problems.map((problem) => byId.get(problem.id) as RoutedOutcome);
}

/** K-fold cross-validation by problem: every problem is routed by a table fitted without it. Returns outcomes in input order. */
export function crossValidate(
  problems: readonly ReplayedProblem[],
  options: FitOptions,
  folds: number,
  random: () => number,
): RoutedOutcome[] {
  return routeByFolds(problems, folds, random, (training) => fitCells(training, options));
}

/** The reference a router must match: the more accurate of self-consistency and best-of-N at the most samples replayed. */
export function referenceLabel(problems: readonly ReplayedProblem[]): string {
  const labels = [...(problems[0]?.outcomes.keys() ?? [])];
  const right = (label: string) => problems.filter((problem) => problem.outcomes.get(label)?.correct).length;
  const finalists = [
    labels.filter((label) => label.startsWith('vote@')).at(-1),
    labels.filter((label) => label.startsWith('best@')).at(-1),
  ];
  return finalists
    .filter((label): label is string => label !== undefined)
    .reduce((best, label) => (right(label) > right(best) ? label : best), 'stop');
}

/** Picks, among `grid`, the tokens-per-answer with the most right answers by cross-validation while spending ≤ `share` of the reference's tokens (ties: fewer tokens). */
export function chooseTokensPerAnswer(
  problems: readonly ReplayedProblem[],
  options: Omit<FitOptions, 'tokensPerAnswer'>,
  grid: readonly number[],
  share: number,
  folds: number,
  random: () => number,
): number {
  const reference = referenceLabel(problems);
  const budget = share * problems.reduce((sum, problem) => sum + (problem.outcomes.get(reference)?.tokens ?? 0), 0);
  let best: { tokensPerAnswer: number; right: number; tokens: number } | undefined;
  for (const tokensPerAnswer of grid) {
    const routed = crossValidate(problems, { ...options, tokensPerAnswer }, folds, random);
    const right = routed.filter((entry) => entry.outcome.correct).length;
    const tokens = routed.reduce((sum, entry) => sum + entry.outcome.tokens, 0);
    if (tokens > budget) continue;
    if (!best || right > best.right || (right === best.right && tokens < best.tokens)) best = { tokensPerAnswer, right, tokens };
  }
  return best?.tokensPerAnswer ?? Math.min(...grid);
}

/** Nested cross-validation: each outer fold's tokens-per-answer is chosen by `chooseTokensPerAnswer` on the other folds alone. */
export function crossValidateChosen(
  problems: readonly ReplayedProblem[],
  options: Omit<FitOptions, 'tokensPerAnswer'>,
  grid: readonly number[],
  share: number,
  folds: number,
  random: () => number,
): RoutedOutcome[] {
  return routeByFolds(problems, folds, random, (training) =>
    fitCells(training, { ...options, tokensPerAnswer: chooseTokensPerAnswer(training, options, grid, share, folds, random) }),
  );
}
