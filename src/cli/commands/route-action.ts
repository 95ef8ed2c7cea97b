/** @module `slowthink route fit|eval`: load stored bench runs, fit or apply a router table, summarise it against the fixed plans. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { mulberry32 } from '../../random/mulberry32.js';
import {
  applyCells,
  chooseTokensPerAnswer,
  crossValidate,
  crossValidateChosen,
  type FitOptions,
  fitCells,
  planLabel,
  plansFor,
  ROUTER_FORMAT,
  type Router,
  type RoutingProblem,
  readRouter,
  replayAll,
  routingProblems,
  samplingConfig,
  writeRouter,
} from '../../route/index.js';
import { type EFFORTS, isEffort } from '../../spec/index.js';
import { RunStore, resolveStorePath } from '../../store/index.js';
import { buildRouteSummary, type OtherConfigs, type RouteSummary, renderRouteSummary, writeRoutePlot } from './route-report.js';

/** Flags of `route fit` after parsing. */
export interface RouteFitOptions {
  store?: string | undefined;
  config?: string | undefined;
  out: string;
  folds: number;
  seed: number;
  /** Tokens one more right answer is worth, or `auto`: chosen by (nested) cross-validation under `tokenShare`. */
  tokensPerAnswer: number | 'auto';
  /** With `auto`: the most tokens the router may spend, as a share of the reference's (SC@64 or BoN@64). */
  tokenShare: number;
  minProblems: number;
  effort: string;
  sampleTokens: number;
  plot?: string | undefined;
  json?: boolean | undefined;
}

/** The tokens-per-answer values the sweep tries (the accuracy-against-tokens curve of the router family). */
const SWEEP = [128, 256, 512, 1024, 2048, 4096, 8192, 16_384, 65_536];

interface LoadedRuns {
  model: string;
  configs: string[];
  problems: RoutingProblem[];
  others: OtherConfigs;
}

/** Reads the runs' problems under their many-sample config, and every other config's outcome per problem (for comparison). */
function loadRuns(store: RunStore, runIds: readonly string[], config: string | undefined): LoadedRuns {
  const models = new Set<string>();
  const configs = new Set<string>();
  const problems: RoutingProblem[] = [];
  const others: OtherConfigs = new Map();
  for (const runId of runIds) {
    const run = store.getRun(runId);
    models.add(run.model);
    const results = store.results(runId);
    const chosen = config ?? samplingConfig(results);
    if (chosen === undefined) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Run ${runId} has no config with more than two samples per problem`, {
        hint: 'Fit on a run of self-consistency:n=64 or best-of-n:n=64 (slowthink bench --strategies …), or name one with --config.',
        param: 'runId',
      });
    }
    configs.add(chosen);
    problems.push(...routingProblems(runId, store.problems(runId), results, chosen));
    for (const result of results) {
      if (result.config === chosen || result.error !== null) continue;
      const byProblem = others.get(result.config) ?? new Map();
      byProblem.set(`${runId}/${result.problemId}`, { correct: result.correct, tokens: result.completionTokens });
      others.set(result.config, byProblem);
    }
  }
  if (models.size !== 1) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `The runs are of different models (${[...models].join(', ')})`, {
      hint: 'A router is fitted for one model: pass runs of that model only.',
      param: 'runId',
    });
  }
  if (problems.length === 0)
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'The runs have no finished problem to fit on', { param: 'runId' });
  return { model: [...models][0] as string, configs: [...configs], problems, others };
}

function withStore<T>(path: string | undefined, action: (store: RunStore) => T): T {
  const store = RunStore.open(resolveStorePath(path), { mustExist: true });
  try {
    return action(store);
  } finally {
    store.close();
  }
}

function routerEffort(effort: string): Exclude<(typeof EFFORTS)[number], 'auto'> {
  if (isEffort(effort) && effort !== 'auto') return effort;
  throw new SlowthinkError(ERROR_CODES.UNKNOWN_EFFORT, `--effort must be an effort row (none … max), got "${effort}"`, { param: 'effort' });
}

/** Fits a router on stored runs, cross-validates it by problem, writes the router file; returns the printed summary. */
export function fitRoute(runIds: readonly string[], options: RouteFitOptions): { text: string; summary: RouteSummary; router: Router } {
  const effort = routerEffort(options.effort);
  const loaded = withStore(options.store, (store) => loadRuns(store, runIds, options.config));
  const plans = plansFor(loaded.problems);
  const replayed = replayAll(loaded.problems, plans, mulberry32(options.seed));
  const fitOptions = (tokensPerAnswer: number): FitOptions => ({ plans, tokensPerAnswer, minProblems: options.minProblems });
  const validate = (tokensPerAnswer: number) =>
    crossValidate(replayed, fitOptions(tokensPerAnswer), options.folds, mulberry32(options.seed + 1));
  const base = { plans, minProblems: options.minProblems };
  const fixed = options.tokensPerAnswer === 'auto' ? undefined : options.tokensPerAnswer;
  // `auto`: the figure is nested (each outer fold's W chosen on the other folds only); the shipped W is chosen on all problems.
  const routed =
    fixed === undefined
      ? crossValidateChosen(replayed, base, SWEEP, options.tokenShare, options.folds, mulberry32(options.seed + 1))
      : validate(fixed);
  const tokensPerAnswer =
    fixed ?? chooseTokensPerAnswer(replayed, base, SWEEP, options.tokenShare, options.folds, mulberry32(options.seed + 2));
  const sweep = SWEEP.map((value) => ({ tokensPerAnswer: value, routed: validate(value) }));
  const router: Router = {
    format: ROUTER_FORMAT,
    model: loaded.model,
    fittedAt: new Date().toISOString(),
    runs: [...runIds],
    config: loaded.configs.join(' | '),
    effort,
    sampleTokens: options.sampleTokens,
    selection: {
      tokensPerAnswer,
      ...(fixed === undefined ? { tokenShare: options.tokenShare } : {}),
      minProblems: options.minProblems,
      plans: plans.map(planLabel),
    },
    features: {
      task: 'the named or detected task (* for any other)',
      size: 'arithmetic: ops1 | ops2 | ops3+ binary operators, * appended when it multiplies; countdown: numsN numbers given; other: short | long (60 characters)',
      agreement: 'agree when the first two samples give the same normalised answer, else disagree',
    },
    cells: fitCells(replayed, fitOptions(tokensPerAnswer)),
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeRouter(options.out, router);
  const summary = buildRouteSummary({
    router,
    replayed,
    routed,
    sweep,
    others: loaded.others,
    folds: options.folds,
    evaluation:
      fixed === undefined
        ? `nested cross-validation (tokens per answer chosen on the training folds at ≤ ${options.tokenShare} of the reference's tokens)`
        : 'cross-validation',
  });
  if (options.plot) writeRoutePlot(options.plot, summary);
  return { text: options.json ? JSON.stringify(summary, null, 2) : renderRouteSummary(summary, options.out), summary, router };
}

/** Applies a fitted router file to other stored runs (problems it was not fitted on); returns the printed summary. */
export function evaluateRoute(
  routerPath: string,
  runIds: readonly string[],
  options: { store?: string; config?: string; seed: number; plot?: string; json?: boolean },
): string {
  const router = readRouter(routerPath);
  const loaded = withStore(options.store, (store) => loadRuns(store, runIds, options.config));
  if (loaded.model !== router.model) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `The router was fitted for ${router.model}, the runs are of ${loaded.model}`, {
      param: 'runId',
    });
  }
  const plans = plansFor(loaded.problems);
  const replayed = replayAll(loaded.problems, plans, mulberry32(options.seed));
  const routed = applyCells(router.cells, replayed, mulberry32(options.seed + 1));
  const summary = buildRouteSummary({
    router,
    replayed,
    routed,
    sweep: [],
    others: loaded.others,
    folds: 0,
    evaluation: 'fitted router on other runs',
  });
  if (options.plot) writeRoutePlot(options.plot, summary);
  return options.json ? JSON.stringify(summary, null, 2) : renderRouteSummary(summary, routerPath);
}
