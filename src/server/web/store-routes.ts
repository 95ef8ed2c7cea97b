/** @module Read-only JSON over the run store for the web app: runs, a run's jobs, a job's trace, plot data. Never writes. */
import { Hono } from 'hono';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { RunRecord, RunStore } from '../../store/index.js';
import { ApiError } from '../api-error.js';
import { bounded } from '../bounded-text.js';
import { summariseConfigs } from './plots-data.js';

/** Most jobs one page of `/jobs` returns. */
const MAX_PAGE = 1000;

function runJson(run: RunRecord & { finished?: number; correct?: number }) {
  const kind = run.options['kind'] === 'trace' ? 'trace' : 'bench';
  return {
    id: run.id,
    kind,
    source: kind === 'trace' ? run.options['source'] : 'bench',
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    status: run.status,
    task: run.task,
    model: run.model,
    job_count: run.jobCount,
    finished: run.finished,
    correct: run.correct,
    options: run.options,
  };
}

function runNotFound(id: string): ApiError {
  return new ApiError(404, `No run with id '${bounded(id, 128)}' in the run store.`, { param: 'run_id', code: 'run_not_found' });
}

/** The routes, mounted by createApp under `/v1/slowthink/runs` (the API-key check covers them). */
export function createStoreRoutes(store: RunStore): Hono {
  const routes = new Hono();
  const getRun = (id: string): RunRecord => {
    try {
      return store.getRun(id);
    } catch (error) {
      if (SlowthinkError.isInstance(error) && error.code === ERROR_CODES.INVALID_ARGUMENT) throw runNotFound(id);
      throw error;
    }
  };
  routes.get('/', (c) => c.json({ object: 'list', data: store.listRuns().map(runJson) }));
  routes.get('/:id', (c) => {
    const run = getRun(c.req.param('id'));
    const problems = store.problems(run.id);
    const configs = [...new Set(store.results(run.id).map((result) => result.config))];
    return c.json({ run: runJson(run), problems, configs });
  });
  routes.get('/:id/jobs', (c) => {
    const run = getRun(c.req.param('id'));
    const problems = new Map(store.problems(run.id).map((problem) => [problem.id, problem]));
    const config = c.req.query('config');
    const text = c.req.query('q')?.toLowerCase();
    const level = c.req.query('level');
    const correct = c.req.query('correct');
    const jobs = store
      .results(run.id)
      .filter((result) => config === undefined || result.config === config)
      .filter((result) => correct === undefined || String(result.correct) === correct)
      .map((result) => ({ ...result, problem: problems.get(result.problemId) }))
      .filter((job) => level === undefined || String(job.problem?.level) === level)
      .filter((job) => text === undefined || `${job.problemId} ${job.problem?.question ?? ''}`.toLowerCase().includes(text));
    return c.json({ object: 'list', total: jobs.length, data: jobs.slice(0, MAX_PAGE) });
  });
  routes.get('/:id/trace', (c) => {
    const run = getRun(c.req.param('id'));
    const problem = c.req.query('problem') ?? '';
    const config = c.req.query('config') ?? '';
    const trace = store.trace(run.id, problem, config);
    if (trace === undefined) {
      throw new ApiError(404, `No stored trace for problem '${bounded(problem, 128)}' under config '${bounded(config, 128)}'.`, {
        param: 'problem',
        code: 'trace_not_found',
      });
    }
    const result = store.results(run.id).find((entry) => entry.problemId === problem && entry.config === config);
    const question = store.problems(run.id).find((entry) => entry.id === problem);
    return c.json({ run_id: run.id, problem: question, config, result, events: trace.events, thoughts: trace.thoughts });
  });
  routes.get('/:id/plots', (c) => {
    const run = getRun(c.req.param('id'));
    return c.json({ run_id: run.id, configs: summariseConfigs(store.results(run.id), store.problems(run.id)) });
  });
  return routes;
}
