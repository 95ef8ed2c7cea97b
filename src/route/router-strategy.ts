/**
 * @module `router`, the learned `auto`: two probe samples, then the plan a fitted router table gives the question's task,
 * size and the probes' agreement (stop, vote, vote adaptively, or pick by verifier), reusing the probes; anytime.
 */

import { mulberry32 } from '../random/mulberry32.js';
import type { Problem, Strategy, StrategyContext } from '../spec/index.js';
import type { Candidate } from '../think/candidate.js';
import { drawSamples } from '../think/draw-samples.js';
import { THINK_STEP_BY_STEP, withInstruction } from '../think/prompts.js';
import { scoreCandidates } from '../think/score-candidates.js';
import { optionalIntegerOption } from '../think/strategy-options.js';
import { buildResult, mostConfident } from '../think/strategy-result.js';
import { ANY, agreementOf, routeFeatures } from './features.js';
import { routerFor } from './locate.js';
import {
  ADAPTIVE_THRESHOLD,
  bestIndex,
  majorityIndex,
  PROBE_SAMPLES,
  planLabel,
  type RoutePlan,
  settledProbability,
  voteCounts,
} from './plans.js';
import { cellFor, parseRouter, planAfterProbe, ROUTER_FORMAT, type Router, readRouter } from './router-file.js';

/** The table a request that names `router` gets when no router was fitted for its model: probe twice, stop on agreement, else vote over eight. */
export const GENERIC_ROUTER: Router = {
  format: ROUTER_FORMAT,
  model: '*',
  fittedAt: '',
  runs: [],
  config: '',
  effort: 'high',
  sampleTokens: 2048,
  selection: { tokensPerAnswer: 2048, minProblems: 1, plans: ['stop', 'vote@8'] },
  features: { agreement: 'agree when the first two samples give the same normalised answer' },
  cells: [{ task: ANY, size: ANY, first: 'probe', agree: 'stop', disagree: 'vote@8', problems: 0, agreeProblems: 0, disagreeProblems: 0 }],
};

/** The `router` option: a router (as `auto` passes it), a router file's path, else the model's own router, else the generic table. */
function routerOption(context: StrategyContext, problem: Problem): Router {
  const value = context.options['router'];
  if (typeof value === 'string') return readRouter(value);
  if (value !== undefined) return parseRouter(value, 'The `router` option');
  return routerFor(context.model.id, problem.task ?? undefined) ?? GENERIC_ROUTER;
}

/** Draws samples until `candidates` holds `upTo` (batches of `batch`); false when a limit stopped it first. */
async function drawUpTo(
  problem: Problem,
  context: StrategyContext,
  candidates: Candidate[],
  upTo: number,
  batch: number,
): Promise<boolean> {
  const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
  const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
  while (candidates.length < upTo) {
    if (context.stopped()) return false;
    const fresh = await drawSamples(problem, context, {
      n: Math.min(batch, upTo - candidates.length),
      firstIndex: candidates.length,
      planned: upTo,
      messages,
      thinking: true,
      ...(maxTokens === undefined ? {} : { maxTokens }),
    });
    if (fresh.length === 0) return false;
    candidates.push(...fresh);
  }
  return true;
}

/** Runs the rest of `plan` after the probe; false when a limit stopped it first. */
async function continuePlan(plan: RoutePlan, problem: Problem, context: StrategyContext, candidates: Candidate[]): Promise<boolean> {
  const parallel = Math.max(1, context.model.capabilities.maxParallel || 1);
  if (plan.kind === 'vote' || plan.kind === 'best') {
    const complete = await drawUpTo(problem, context, candidates, plan.samples, parallel);
    if (plan.kind === 'best') await scoreCandidates(problem, context, candidates);
    return complete;
  }
  if (plan.kind === 'adaptive') {
    const random = mulberry32(context.seed ?? 0x5eed);
    while (candidates.length < plan.maxSamples) {
      if (
        settledProbability(
          candidates.map((candidate) => candidate.key),
          random,
        ) >= ADAPTIVE_THRESHOLD
      )
        return true;
      if (!(await drawUpTo(problem, context, candidates, candidates.length + PROBE_SAMPLES, PROBE_SAMPLES))) return false;
    }
  }
  return true;
}

/** The learned `auto`. The engine picks it for `--effort auto` when a router exists for the model and task. */
export const routerStrategy: Strategy = {
  specificationVersion: 'v1',
  name: 'router',
  description: 'Learned auto: two probe samples, then the plan a fitted router gives the task, size and agreement.',
  usesVerifier: false,
  async run(problem, context) {
    const router = routerOption(context, problem);
    const features = routeFeatures(problem.task ?? undefined, problem.question);
    const cell = cellFor(router, features);
    const candidates: Candidate[] = [];
    let plan: RoutePlan = cell.first === 'single' ? { kind: 'single' } : { kind: 'stop' };
    let complete = await drawUpTo(problem, context, candidates, cell.first === 'single' ? 1 : PROBE_SAMPLES, PROBE_SAMPLES);
    const agreement = agreementOf(candidates[0]?.key, candidates[1]?.key);
    if (cell.first === 'probe' && complete) {
      plan = planAfterProbe(cell, agreement);
      complete = await continuePlan(plan, problem, context, candidates);
    }
    const keys = candidates.map((candidate) => candidate.key);
    const index = plan.kind === 'best' ? bestIndex(candidates) : majorityIndex(keys);
    const winner = candidates[index] ?? mostConfident(candidates);
    // Drew what the plan wanted, but a limit cut the last sample short: the limit stopped it.
    const truncated = context.stopped() !== null && candidates.some((candidate) => candidate.finishReason === 'length');
    const stoppedBy = complete && !truncated ? null : context.stopped();
    const tally = voteCounts(keys);
    const votes = winner?.key === undefined ? 0 : (tally.get(winner.key) ?? 0);
    const voters = keys.filter((key) => key !== undefined).length;
    context.emit({
      type: 'vote',
      tally: Object.fromEntries(tally),
      leader: winner?.key,
      confidence: voters > 0 ? votes / voters : 0,
      samples: candidates.length,
    });
    const route = {
      task: features.task,
      size: features.size,
      cell: `${cell.task}/${cell.size}`,
      first: cell.first,
      agreement,
      plan: planLabel(plan),
      model: router.model,
    };
    return buildResult({
      winner,
      samples: candidates.length,
      stoppedBy,
      reasoning:
        `${winner?.reasoning ?? ''}\n\nRoute: ${route.cell} · ${cell.first === 'single' ? 'one chain' : `probes ${agreement}`} → ${route.plan}; ${votes}/${candidates.length} for ${winner?.key ?? 'no answer'}`.trim(),
      details: { route },
    });
  },
};
