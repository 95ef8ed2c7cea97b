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

/** K-fold cross-validation by problem: every problem is routed by a table fitted without it. Returns outcomes in input order. */
export function crossValidate(
  problems: readonly ReplayedProblem[],
  options: FitOptions,
  folds: number,
  random: () => number,
): RoutedOutcome[] {
  const groups = foldsOf(problems, Math.max(2, Math.min(folds, problems.length)), random);
  const byId = new Map<string, RoutedOutcome>();
  for (const held of groups) {
    const heldIds = new Set(held.map((problem) => problem.id));
    const cells = fitCells(
      problems.filter((problem) => !heldIds.has(problem.id)),
      options,
    );
    for (const routed of applyCells(cells, held, random)) byId.set(routed.id, routed);
  }
  return problems.map((problem) => byId.get(problem.id) as RoutedOutcome);
}
