/** @module The SQLite run store (WAL): runs, problems, one row per finished job, its samples, trace and ledger. */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { migrate } from './migrations.js';
import type { JobRecord, RunRecord, RunStatus, SampleRecord, StoredProblem, StoredResult } from './records.js';

/** Where the store lives: `--store`, else `SLOWTHINK_STORE`, else `~/.slowthink/runs.db`. */
export function resolveStorePath(explicit?: string, environment: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? environment['SLOWTHINK_STORE'] ?? join(homedir(), '.slowthink', 'runs.db');
}

/** Key of a job inside a run: problem id and config key. */
export function jobKey(problemId: string, config: string): string {
  return `${problemId}\u0000${config}`;
}

type Row = Record<string, unknown>;

const toNumberOrUndefined = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));
const toStringOrUndefined = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

function toRun(row: Row): RunRecord {
  return {
    id: String(row['id']),
    createdAt: String(row['created_at']),
    updatedAt: String(row['updated_at']),
    status: row['status'] as RunStatus,
    task: String(row['task']),
    model: String(row['model']),
    jobCount: Number(row['job_count']),
    options: JSON.parse(String(row['options_json'])) as Record<string, unknown>,
  };
}

function toResult(row: Row): StoredResult {
  return {
    problemId: String(row['problem_id']),
    config: String(row['config']),
    answer: toStringOrUndefined(row['answer']),
    correct: row['correct'] === 1,
    text: String(row['text'] ?? ''),
    promptTokens: Number(row['prompt_tokens']),
    completionTokens: Number(row['completion_tokens']),
    reasoningTokens: Number(row['reasoning_tokens']),
    costUsd: Number(row['cost_usd']),
    seconds: Number(row['seconds']),
    samples: Number(row['samples']),
    calls: Number(row['calls']),
    finishReason: (row['finish_reason'] as string | null) ?? null,
    stoppedBy: (row['stopped_by'] as string | null) ?? null,
    error: (row['error'] as string | null) ?? null,
    sampleRecords: [],
    createdAt: String(row['created_at']),
  };
}

/** A handle on one run store file; every write is one transaction. */
export class RunStore {
  readonly path: string;
  private readonly database: Database.Database;

  private constructor(path: string, database: Database.Database) {
    this.path = path;
    this.database = database;
  }

  /**
   * Opens (creating and migrating when needed) the store at `path`; `:memory:` for tests. `mustExist` (readers such as
   * `runs show`) refuses a missing file as bad input instead of creating an empty store where a typo pointed.
   */
  static open(path: string, options: { mustExist?: boolean } = {}): RunStore {
    if (options.mustExist && path !== ':memory:' && !existsSync(path)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `No run store at ${path}`, {
        hint: 'Pass the --store (or SLOWTHINK_STORE) that `slowthink bench` wrote to; `slowthink bench` creates the store.',
        param: 'store',
      });
    }
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      const database = new Database(path);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      migrate(database);
      return new RunStore(path, database);
    } catch (error) {
      throw new SlowthinkError(ERROR_CODES.STORE, `Cannot open the run store at ${path}: ${(error as Error).message}`, {
        hint: 'Pass a writable path with --store or SLOWTHINK_STORE.',
        param: 'store',
        cause: error,
      });
    }
  }

  /** Records a new run and its problems. */
  createRun(run: Omit<RunRecord, 'createdAt' | 'updatedAt' | 'status'>, problems: StoredProblem[]): RunRecord {
    const now = new Date().toISOString();
    const insertProblem = this.database.prepare(
      'INSERT INTO problems (run_id, problem_id, position, task, question, answer, level, meta_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.database.transaction(() => {
      this.database
        .prepare(
          'INSERT INTO runs (id, created_at, updated_at, status, task, model, job_count, options_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(run.id, now, now, 'running', run.task, run.model, run.jobCount, JSON.stringify(run.options));
      problems.forEach((problem, position) => {
        insertProblem.run(
          run.id,
          problem.id,
          position,
          problem.task,
          problem.question,
          problem.answer ?? null,
          problem.level ?? null,
          problem.meta === undefined ? null : JSON.stringify(problem.meta),
        );
      });
    })();
    return { ...run, createdAt: now, updatedAt: now, status: 'running' };
  }

  /** The run with this id; an unknown id is bad input (ST_INVALID_ARGUMENT, exit 2), not a broken store. */
  getRun(runId: string): RunRecord {
    const row = this.database.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Row | undefined;
    if (row === undefined) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `No run with id ${runId} in ${this.path}`, {
        hint: 'List stored runs with `slowthink runs list` (and pass the same --store).',
        param: 'runId',
      });
    }
    return toRun(row);
  }

  /** All runs, newest first. */
  listRuns(): Array<RunRecord & { finished: number; correct: number }> {
    const rows = this.database
      .prepare(
        `SELECT runs.*, COUNT(results.id) AS finished, COALESCE(SUM(results.correct), 0) AS correct
         FROM runs LEFT JOIN results ON results.run_id = runs.id AND results.error IS NULL
         GROUP BY runs.id ORDER BY runs.created_at DESC`,
      )
      .all() as Row[];
    return rows.map((row) => ({ ...toRun(row), finished: Number(row['finished']), correct: Number(row['correct']) }));
  }

  /** Updates a run's status. */
  setStatus(runId: string, status: RunStatus): void {
    this.database.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?').run(status, new Date().toISOString(), runId);
  }

  /** The problems of a run in their original order. */
  problems(runId: string): StoredProblem[] {
    const rows = this.database.prepare('SELECT * FROM problems WHERE run_id = ? ORDER BY position').all(runId) as Row[];
    return rows.map((row) => {
      const problem: StoredProblem = { id: String(row['problem_id']), task: String(row['task']), question: String(row['question']) };
      if (row['answer'] !== null) problem.answer = String(row['answer']);
      if (row['level'] !== null) problem.level = Number(row['level']);
      if (row['meta_json'] !== null) problem.meta = JSON.parse(String(row['meta_json'])) as Record<string, unknown>;
      return problem;
    });
  }

  /** Writes one finished job (result, samples, trace, ledger) in one transaction, replacing an earlier failed attempt. */
  saveResult(runId: string, record: JobRecord): void {
    const database = this.database;
    database.transaction(() => {
      database
        .prepare('DELETE FROM results WHERE run_id = ? AND problem_id = ? AND config = ?')
        .run(runId, record.problemId, record.config);
      const inserted = database
        .prepare(
          `INSERT INTO results (run_id, problem_id, config, answer, correct, text, prompt_tokens, completion_tokens, reasoning_tokens,
             cost_usd, seconds, samples, calls, finish_reason, stopped_by, error, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          record.problemId,
          record.config,
          record.answer ?? null,
          record.correct ? 1 : 0,
          record.text,
          record.promptTokens,
          record.completionTokens,
          record.reasoningTokens,
          record.costUsd,
          record.seconds,
          record.samples,
          record.calls,
          record.finishReason,
          record.stoppedBy,
          record.error,
          new Date().toISOString(),
        );
      const resultId = Number(inserted.lastInsertRowid);
      const insertSample = database.prepare(
        'INSERT INTO samples (result_id, position, answer, correct, tokens, score, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      record.sampleRecords.forEach((sample, position) => {
        insertSample.run(
          resultId,
          position,
          sample.answer ?? null,
          sample.correct ? 1 : 0,
          sample.tokens ?? null,
          sample.score ?? null,
          sample.confidence ?? null,
        );
      });
      database
        .prepare('INSERT INTO events (result_id, events_json, thoughts_json) VALUES (?, ?, ?)')
        .run(resultId, JSON.stringify(record.events), JSON.stringify(record.thoughts));
      const insertLedger = database.prepare(
        `INSERT INTO ledgers (result_id, position, phase, model, samples, prompt_tokens, completion_tokens, native_reasoning_tokens,
           cached_tokens, latency_ms, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      record.ledger.forEach((entry, position) => {
        insertLedger.run(
          resultId,
          position,
          entry.phase,
          entry.model,
          entry.samples,
          entry.promptTokens,
          entry.completionTokens,
          entry.nativeReasoningTokens,
          entry.cachedTokens,
          entry.latencyMs,
          entry.costUsd,
        );
      });
      database.prepare('UPDATE runs SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
    })();
  }

  /** Keys (see `jobKey`) of the jobs that finished without error. */
  finishedJobKeys(runId: string): Set<string> {
    const rows = this.database.prepare('SELECT problem_id, config FROM results WHERE run_id = ? AND error IS NULL').all(runId) as Row[];
    return new Set(rows.map((row) => jobKey(String(row['problem_id']), String(row['config']))));
  }

  /** All results of a run with their graded samples, in insertion order. */
  results(runId: string): StoredResult[] {
    const rows = this.database.prepare('SELECT * FROM results WHERE run_id = ? ORDER BY id').all(runId) as Row[];
    const samples = this.database
      .prepare(
        `SELECT samples.* FROM samples JOIN results ON results.id = samples.result_id
         WHERE results.run_id = ? ORDER BY samples.result_id, samples.position`,
      )
      .all(runId) as Row[];
    const byResult = new Map<number, SampleRecord[]>();
    for (const row of samples) {
      const list = byResult.get(Number(row['result_id'])) ?? [];
      list.push({
        answer: toStringOrUndefined(row['answer']),
        correct: row['correct'] === 1,
        tokens: toNumberOrUndefined(row['tokens']),
        score: toNumberOrUndefined(row['score']),
        confidence: toNumberOrUndefined(row['confidence']),
      });
      byResult.set(Number(row['result_id']), list);
    }
    return rows.map((row) => ({ ...toResult(row), sampleRecords: byResult.get(Number(row['id'])) ?? [] }));
  }

  /** The stored trace (events and thoughts) of one job, or undefined when it has none. */
  trace(runId: string, problemId: string, config: string): { events: unknown[]; thoughts: unknown[] } | undefined {
    const row = this.database
      .prepare(
        `SELECT events.events_json, events.thoughts_json FROM events JOIN results ON results.id = events.result_id
         WHERE results.run_id = ? AND results.problem_id = ? AND results.config = ?`,
      )
      .get(runId, problemId, config) as Row | undefined;
    if (row === undefined) return undefined;
    return { events: JSON.parse(String(row['events_json'])) as unknown[], thoughts: JSON.parse(String(row['thoughts_json'])) as unknown[] };
  }

  /** Counts rows of a table for one run (diagnostics and tests). */
  countResults(runId: string): { rows: number; distinct: number } {
    const row = this.database
      .prepare('SELECT COUNT(*) AS rows, COUNT(DISTINCT problem_id || char(0) || config) AS distinct_jobs FROM results WHERE run_id = ?')
      .get(runId) as Row;
    return { rows: Number(row['rows']), distinct: Number(row['distinct_jobs']) };
  }

  /** Closes the database (checkpoints the WAL). */
  close(): void {
    this.database.close();
  }
}
