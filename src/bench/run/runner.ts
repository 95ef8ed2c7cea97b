/** @module The bench runner: a pure plan of jobs (problem × config) and a pluggable executor that runs them. */
import pLimit from 'p-limit';
import type { TaskProblem } from '../../spec/index.js';
import { type JobRecord, jobKey } from '../../store/index.js';
import type { BenchConfig } from './bench-config.js';
import { type Grader, recordFromError, recordFromOutcome, type Solver } from './job-record.js';

/** One unit of work; plain data, so a queue (BullMQ) can carry it to another process. */
export interface BenchJob {
  problem: TaskProblem;
  config: BenchConfig;
  /** Sampling seed; shared by all configs of a problem (common random numbers for paired comparisons). */
  seed: number;
}

/** Runs one job to its record; must not throw (failures become records with `error`). */
export type JobHandler = (job: BenchJob, signal: AbortSignal) => Promise<JobRecord>;

/** Runs jobs somewhere and reports each record as soon as it exists. In-process today; a BullMQ executor fits the same shape. */
export interface Executor {
  run(
    jobs: readonly BenchJob[],
    handler: JobHandler,
    onRecord: (record: JobRecord, job: BenchJob) => void,
    signal: AbortSignal,
  ): Promise<void>;
}

/** A 31-bit seed from a base seed and a problem id (FNV-1a), stable across processes and resumes. */
export function jobSeed(baseSeed: number, problemId: string): number {
  let hash = 2166136261 ^ baseSeed;
  for (const character of problemId) hash = Math.imul(hash ^ (character.codePointAt(0) ?? 0), 16777619);
  return (hash >>> 0) % 2_147_483_647;
}

/** Each problem's position among the problems of its task and level, in run order (what `firstPerLevel` counts). */
function ranksInLevel(problems: readonly TaskProblem[]): number[] {
  const seen = new Map<string, number>();
  return problems.map((problem) => {
    const group = `${problem.task}\u0000${problem.level ?? ''}`;
    const rank = seen.get(group) ?? 0;
    seen.set(group, rank + 1);
    return rank;
  });
}

/** The jobs of a run in problem-major order, minus those already finished (`done` holds `jobKey`s). */
export function planJobs(
  problems: readonly TaskProblem[],
  configs: readonly BenchConfig[],
  baseSeed: number,
  done: ReadonlySet<string> = new Set(),
): BenchJob[] {
  const ranks = ranksInLevel(problems);
  return problems.flatMap((problem, index) =>
    configs
      .filter((config) => config.firstPerLevel === undefined || (ranks[index] ?? 0) < config.firstPerLevel)
      .filter((config) => !done.has(jobKey(problem.id, config.key)))
      .map((config) => ({ problem, config, seed: jobSeed(baseSeed, problem.id) })),
  );
}

/** Wraps a solver and a grader into a handler that times the job and turns failures into error records. */
export function createJobHandler(solve: Solver, grade: Grader): JobHandler {
  return async (job, signal) => {
    const started = performance.now();
    try {
      const outcome = await solve(job.problem, job.config, { seed: job.seed, signal });
      return recordFromOutcome(job.problem, job.config, outcome, grade);
    } catch (error) {
      return recordFromError(job.problem, job.config, error, (performance.now() - started) / 1000);
    }
  };
}

/** Runs jobs in this process, at most `concurrency` at once; stops starting new jobs when aborted. */
export function createInProcessExecutor(concurrency: number): Executor {
  return {
    async run(jobs, handler, onRecord, signal) {
      const limit = pLimit(Math.max(1, concurrency));
      await Promise.all(
        jobs.map((job) =>
          limit(async () => {
            if (signal.aborted) return;
            const record = await handler(job, signal);
            if (!signal.aborted || record.error === null) onRecord(record, job);
          }),
        ),
      );
    },
  };
}
