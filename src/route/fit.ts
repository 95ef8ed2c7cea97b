/**
 * @module Fitting the router table: per (task, size) cell, and per agreement of the two probe samples, the plan that
 * maximises right answers − tokens / tokensPerAnswer on the training problems (ties: fewer tokens), backing off to the
 * task's row and then to the default row where a cell has too few problems.
 */
import { type Agreement, ANY, agreementOf } from './features.js';
import { planLabel, type ReplayOutcome, type ReplaySample, type RoutePlan, replayPlan } from './plans.js';
import type { RouterCell } from './router-file.js';

/** One stored problem as the router learns from it: its features and its samples in drawing order. */
export interface RoutingProblem {
  /** Unique across the fitted runs (`run/problem`). */
  id: string;
  task: string;
  size: string;
  samples: ReplaySample[];
}

/** A problem with every candidate plan replayed once (plans do not depend on the fit, so folds reuse the replays). */
export interface ReplayedProblem extends RoutingProblem {
  agreement: Agreement;
  outcomes: Map<string, ReplayOutcome>;
}

export interface FitOptions {
  plans: readonly RoutePlan[];
  /** Tokens one more right answer is worth. */
  tokensPerAnswer: number;
  /** A (task, size) cell with fewer training problems uses its task's row. */
  minProblems: number;
}

/** The candidate plans for samples of this many per problem: stop, vote@K, adaptive@K (and best@K with verifier scores). */
export function candidatePlans(samplesPerProblem: number, scored: boolean): RoutePlan[] {
  const sizes = [4, 8, 16, 32, 64, 128].filter((size) => size <= samplesPerProblem);
  return [
    { kind: 'single' },
    { kind: 'stop' },
    ...sizes.map((samples) => ({ kind: 'vote' as const, samples })),
    ...sizes.filter((size) => size >= 8).map((maxSamples) => ({ kind: 'adaptive' as const, maxSamples })),
    ...(scored ? sizes.map((samples) => ({ kind: 'best' as const, samples })) : []),
  ];
}

/** The candidate plans for these problems: up to their most samples, best@K only where a verifier scored some samples. */
export function plansFor(problems: readonly RoutingProblem[]): RoutePlan[] {
  const most = Math.max(0, ...problems.map((problem) => problem.samples.length));
  const scored = problems.some((problem) => problem.samples.some((sample) => sample.score !== undefined));
  return candidatePlans(most, scored);
}

/** Replays every plan on every problem (seeded, so adaptive stops are reproducible). */
export function replayAll(problems: readonly RoutingProblem[], plans: readonly RoutePlan[], random: () => number): ReplayedProblem[] {
  return problems.map((problem) => ({
    ...problem,
    agreement: agreementOf(problem.samples[0]?.key, problem.samples[1]?.key),
    outcomes: new Map(plans.map((plan) => [planLabel(plan), replayPlan(plan, problem.samples, random)])),
  }));
}

interface Choice {
  label: string;
  utility: number;
  tokens: number;
}

function choose(problems: readonly ReplayedProblem[], labels: readonly string[], tokensPerAnswer: number): Choice | undefined {
  let best: Choice | undefined;
  for (const label of labels) {
    let correct = 0;
    let tokens = 0;
    for (const problem of problems) {
      const outcome = problem.outcomes.get(label);
      if (outcome === undefined) continue;
      correct += outcome.correct ? 1 : 0;
      tokens += outcome.tokens;
    }
    const utility = correct - tokens / tokensPerAnswer;
    if (!best || utility > best.utility + 1e-9 || (Math.abs(utility - best.utility) <= 1e-9 && tokens < best.tokens)) {
      best = { label, utility, tokens };
    }
  }
  return best;
}

/** Fits one cell from its problems; an agreement side with no problem takes the parent's plan for that side. */
function fitCell(
  task: string,
  size: string,
  problems: readonly ReplayedProblem[],
  parent: RouterCell | undefined,
  options: FitOptions,
): RouterCell {
  const probeLabels = options.plans.filter((plan) => plan.kind !== 'single').map(planLabel);
  const side = (agreement: Agreement) => {
    const group = problems.filter((problem) => problem.agreement === agreement);
    const fallback = parent ? parent[agreement] : 'stop';
    const choice = group.length > 0 ? choose(group, probeLabels, options.tokensPerAnswer) : undefined;
    return { group, label: choice?.label ?? fallback, utility: choice?.utility ?? 0 };
  };
  const agree = side('agree');
  const disagree = side('disagree');
  const single = options.plans.some((plan) => plan.kind === 'single') ? choose(problems, ['single'], options.tokensPerAnswer) : undefined;
  const probeUtility = agree.utility + disagree.utility;
  return {
    task,
    size,
    first: single && problems.length > 0 && single.utility > probeUtility + 1e-9 ? 'single' : 'probe',
    agree: agree.label,
    disagree: disagree.label,
    problems: problems.length,
    agreeProblems: agree.group.length,
    disagreeProblems: disagree.group.length,
  };
}

/** The router table: a default row, a row per task, and a row per (task, size) with at least `minProblems` problems. */
export function fitCells(problems: readonly ReplayedProblem[], options: FitOptions): RouterCell[] {
  const root = fitCell(ANY, ANY, problems, undefined, options);
  const cells: RouterCell[] = [root];
  for (const task of [...new Set(problems.map((problem) => problem.task))].sort()) {
    const ofTask = problems.filter((problem) => problem.task === task);
    const taskCell = fitCell(task, ANY, ofTask, root, options);
    cells.push(taskCell);
    for (const size of [...new Set(ofTask.map((problem) => problem.size))].sort()) {
      const ofSize = ofTask.filter((problem) => problem.size === size);
      if (ofSize.length >= options.minProblems) cells.push(fitCell(task, size, ofSize, taskCell, options));
    }
  }
  return cells;
}

/** The plan label a cell runs on one problem (its first two samples give the agreement). */
export function routedLabel(cell: RouterCell, problem: Pick<ReplayedProblem, 'agreement'>): string {
  return cell.first === 'single' ? 'single' : cell[problem.agreement];
}

/** Problems split into `folds` groups by a seeded shuffle (every problem in exactly one fold). */
export function foldsOf<T>(items: readonly T[], folds: number, random: () => number): T[][] {
  const order = items.map((item) => ({ item, rank: random() })).sort((left, right) => left.rank - right.rank);
  return Array.from({ length: folds }, (_, fold) => order.filter((_, index) => index % folds === fold).map((entry) => entry.item));
}
