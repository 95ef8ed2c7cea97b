/** @module The real solver: runs each job through the engine's `reason()` with the config's effort, strategy and options. */
import type { Model, ReasonRequest, ReasonResult, Verifier } from '../../spec/index.js';
import { listTasks } from '../../tasks/registry.js';
import type { Solver } from './job-record.js';

/** Tasks whose exact checker the engine should know about (dataset problems are auto-detected by the engine). */
const BUILT_IN_TASKS = new Set(listTasks().map((task) => task.name));

/**
 * A verifier that knows nothing (every candidate scores 0.5): strategies then fall back to plain votes. Used by
 * `--verifier none` so verifier-weighted efforts can be measured without the task's inference verifier (the step
 * checker on arithmetic, the exact solution checker on countdown).
 */
export const UNINFORMATIVE_VERIFIER: Verifier = {
  name: 'none',
  kind: 'outcome',
  exact: false,
  score: async () => ({ value: 0.5, evidence: 'no verifier (bench --verifier none)' }),
};

/** Creates a solver over the engine for one model (`slowthink-mini`, `openai:gpt-4o-mini`, …). */
export function createEngineSolver(options: {
  model: string | Model;
  temperature?: number | undefined;
  verifier?: 'checker' | 'none' | undefined;
}): Solver {
  let engine: Promise<{ reason: (request: ReasonRequest) => Promise<ReasonResult> }> | undefined;
  return async (problem, config, context) => {
    // The engine loads models lazily; importing it here keeps `slowthink bench --help` fast.
    engine ??= import('../../engine/index.js');
    const { reason } = await engine;
    const request: ReasonRequest = { question: problem.question, model: options.model, seed: context.seed, signal: context.signal };
    if (config.effort !== undefined) request.effort = config.effort;
    if (config.strategy !== undefined) request.strategy = config.strategy;
    if (Object.keys(config.options).length > 0) request.options = config.options;
    if (config.budget !== undefined) request.budget = config.budget;
    if (BUILT_IN_TASKS.has(problem.task)) request.task = problem.task;
    if (options.temperature !== undefined) request.temperature = options.temperature;
    if (options.verifier === 'none') request.verifier = UNINFORMATIVE_VERIFIER;
    return reason(request);
  };
}
