/** @module Validates a ReasonRequest and resolves it: problem, model, effort plan, strategy, task, answer key, verifier, budget. */
import { type EffortPlan, routedAutoPlan, validateBudgetLimits } from '../budget/index.js';
import { checkNumberField } from '../errors/number-option.js';
import { resolveModel } from '../models/registry.js';
import { routerFor, routerStrategy } from '../route/index.js';
import type { AnswerKey, BudgetLimits, Effort, Model, Problem, ReasonRequest, Strategy, Task, Verifier } from '../spec/index.js';
import { getStrategy, registerStrategy } from '../think/index.js';
import { createAnswerKey, createVerifier } from '../verify/index.js';
import { planRequest, requestMessages } from './plan-request.js';
import { resolveMembers } from './resolve-members.js';

// The learned `auto` is a strategy like any other once registered (a request may also name it with a `router` option).
registerStrategy(routerStrategy);

/** Everything the engine needs to run one request. */
export interface ResolvedRequest {
  problem: Problem;
  model: Model;
  /** Member models named by the `models` option (a society's), resolved like the main model; empty when none. */
  members: Model[];
  effort: Effort;
  plan: EffortPlan;
  strategy: Strategy;
  options: Record<string, unknown>;
  limits: BudgetLimits;
  task: Task | undefined;
  answers: AnswerKey;
  verifier: Verifier | undefined;
}

/** Resolves a request; throws SlowthinkError for any bad input before anything is spent. */
export async function resolveRequest(request: ReasonRequest): Promise<ResolvedRequest> {
  const messages = requestMessages(request);
  checkNumberField(request.temperature, 'temperature', { minimum: 0, maximum: 2 });
  checkNumberField(request.seed, 'seed', { integer: true, minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
  const limitsOverride = request.budget ?? {};
  validateBudgetLimits(limitsOverride);
  const planned = planRequest(request);
  const { question, effort, task } = planned;
  const named = getStrategy(planned.strategy);
  const model = typeof request.model === 'object' ? request.model : await resolveModel(request.model);
  // `auto` with a router fitted for this model and task runs the router; otherwise the rule's row (docs/routing.md).
  const router = effort === 'auto' && request.strategy === undefined ? routerFor(model.id, task?.name) : undefined;
  const plan = router ? routedAutoPlan(router.effort, router.sampleTokens) : planned.plan;
  const strategy = router ? routerStrategy : named;
  // The plan's options belong to its strategy; another strategy keeps only the per-trace cap.
  const planOptions =
    strategy.name === plan.strategy ? { ...plan.options, ...(router ? { router } : {}) } : { maxTokens: plan.options.maxTokens };
  // The strategy gets the resolved members, never the names (strategies do not construct models).
  const { models: memberNames, ...requestOptions } = request.options ?? {};
  const members = await resolveMembers(memberNames);
  const problem: Problem = { question, messages, ...(task ? { task: task.name } : {}) };
  return {
    problem,
    model,
    members,
    effort,
    plan,
    strategy,
    options: { ...planOptions, ...requestOptions },
    limits: { ...plan.budget, ...definedOnly(limitsOverride) },
    task,
    answers: createAnswerKey(task, { question }),
    verifier: request.verifier ?? defaultVerifier(task),
  };
}

/** The task's inference verifier: its exact checker where that only verifies, its step checker where it would be an oracle. */
function defaultVerifier(task: Task | undefined): Verifier | undefined {
  if (!task) return undefined;
  return task.inferenceVerifier === 'steps' ? createVerifier('steps') : createVerifier('task', { task });
}

function definedOnly(limits: BudgetLimits): BudgetLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)) as BudgetLimits;
}
