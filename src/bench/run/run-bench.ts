/** @module Starts or resumes a bench run: plans the missing jobs, runs them, stores each result as it finishes. */
import { randomBytes } from 'node:crypto';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { ProblemSplit, TaskProblem } from '../../spec/index.js';
import type { JobRecord, RunRecord, RunStore } from '../../store/index.js';
import { type AnswerEquivalence, createGrader, loadProblems, type TaskLookup } from '../problems/problem-source.js';
import { type BenchConfig, buildConfigs } from './bench-config.js';
import type { Grader, Solver } from './job-record.js';
import { createInProcessExecutor, createJobHandler, type Executor, planJobs } from './runner.js';

/** The `solver` of a model-accuracy run (`npm run bench:model`): only its own `--resume` can continue it. */
export const MODEL_SOLVER = 'embedded-model';

/** What a new run is asked to do (stored with the run so `--resume` needs nothing else). */
export interface BenchOptions {
  task: string;
  model: string;
  efforts?: string | undefined;
  strategies?: string | undefined;
  level?: number | undefined;
  /** `train` (default) or `held-out-shapes`: problem shapes and draw types that training never saw. */
  split?: ProblemSplit | undefined;
  n: number;
  seed: number;
  concurrency: number;
  temperature?: number | undefined;
  /** `checker` (the task's exact checker, the engine default) or `none` (an uninformative verifier). */
  verifier?: string | undefined;
  /** Who solves the jobs when not the engine (`embedded-model`: `npm run bench:model`, which alone can resume such a run). */
  solver?: string | undefined;
  /** A front end's own settings, stored so that its `--resume` needs nothing else. */
  settings?: Record<string, unknown> | undefined;
}

/** What the bench runs with; injected so tests can use a fake solver and an in-memory store. */
export interface BenchDependencies {
  store: RunStore;
  solve: Solver;
  lookupTask: TaskLookup;
  equivalent?: AnswerEquivalence | undefined;
  executor?: Executor;
  /** Builds the executor once the run is known (`bench --redis`: a queue executor that needs the run id). */
  createExecutor?: ((run: RunRecord, options: BenchOptions) => Executor) | undefined;
  /** Called once the jobs are planned: total jobs and how many were already done. */
  onStart?: (run: RunRecord, total: number, alreadyDone: number) => void;
  onRecord?: (record: JobRecord) => void;
  signal?: AbortSignal;
  /** Allow strategy names outside the built-in list (tests, plugins). */
  allowUnknownStrategies?: boolean;
}

/** The outcome of one invocation (a run may still be incomplete when aborted). */
export interface BenchOutcome {
  run: RunRecord;
  configs: BenchConfig[];
  problems: TaskProblem[];
  ran: number;
  complete: boolean;
}

/** A sortable, unique run id: `20261128-231500-a1b2`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Creates a run from options and runs all of its jobs. */
export async function startBench(options: BenchOptions, dependencies: BenchDependencies): Promise<BenchOutcome> {
  const configs = buildConfigs({ efforts: options.efforts, strategies: options.strategies }, dependencies.allowUnknownStrategies);
  if (configs.length === 0) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'No configs to run', {
      hint: 'Pass --efforts and/or --strategies.',
      param: 'efforts',
    });
  }
  const problems = loadProblems(
    options.task,
    { count: options.n, seed: options.seed, level: options.level, split: options.split },
    dependencies.lookupTask,
  );
  return startPlannedBench(options, configs, problems, dependencies);
}

/** Creates a run over configs and problems a front end built itself (`npm run bench:model`: every task and level) and runs it. */
export async function startPlannedBench(
  options: BenchOptions,
  configs: BenchConfig[],
  problems: TaskProblem[],
  dependencies: BenchDependencies,
): Promise<BenchOutcome> {
  if (problems.length === 0)
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Task ${options.task} gave no problems`, { param: 'task' });
  const run = dependencies.store.createRun(
    {
      id: newRunId(),
      task: options.task,
      model: options.model,
      jobCount: planJobs(problems, configs, options.seed).length,
      options: { ...options, configs },
    },
    problems,
  );
  return execute(run, configs, problems, options, dependencies);
}

/** Resumes a stored run: re-runs only the jobs without a successful result. */
export async function resumeBench(runId: string, dependencies: BenchDependencies): Promise<BenchOutcome> {
  const run = dependencies.store.getRun(runId);
  const options = run.options as unknown as BenchOptions & { configs: BenchConfig[] };
  dependencies.store.setStatus(runId, 'running');
  return execute({ ...run, status: 'running' }, options.configs, dependencies.store.problems(runId), options, dependencies);
}

async function execute(
  run: RunRecord,
  configs: BenchConfig[],
  problems: TaskProblem[],
  options: BenchOptions,
  dependencies: BenchDependencies,
): Promise<BenchOutcome> {
  const { store } = dependencies;
  const done = store.finishedJobKeys(run.id);
  const jobs = planJobs(problems, configs, options.seed, done);
  dependencies.onStart?.(run, run.jobCount, run.jobCount - jobs.length);
  const grade: Grader = createGrader(dependencies.lookupTask, dependencies.equivalent);
  const executor = dependencies.executor ?? dependencies.createExecutor?.(run, options) ?? createInProcessExecutor(options.concurrency);
  const signal = dependencies.signal ?? new AbortController().signal;
  let ran = 0;
  await executor.run(
    jobs,
    createJobHandler(dependencies.solve, grade),
    (record) => {
      store.saveResult(run.id, record);
      ran++;
      dependencies.onRecord?.(record);
    },
    signal,
  );
  const complete = store.finishedJobKeys(run.id).size === run.jobCount;
  if (complete) store.setStatus(run.id, 'completed');
  return { run: store.getRun(run.id), configs, problems, ran, complete };
}
