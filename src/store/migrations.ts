/** @module Schema migrations of the run store, applied in order and tracked by `PRAGMA user_version`. */
import type Database from 'better-sqlite3';

/** Each entry upgrades the schema by one version; append only, never edit a shipped migration. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,
    task TEXT NOT NULL,
    model TEXT NOT NULL,
    job_count INTEGER NOT NULL,
    options_json TEXT NOT NULL
  );
  CREATE TABLE problems (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    problem_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    task TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT,
    level INTEGER,
    meta_json TEXT,
    PRIMARY KEY (run_id, problem_id)
  );
  CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    problem_id TEXT NOT NULL,
    config TEXT NOT NULL,
    answer TEXT,
    correct INTEGER NOT NULL,
    text TEXT,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    reasoning_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    seconds REAL NOT NULL,
    samples INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    finish_reason TEXT,
    stopped_by TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (run_id, problem_id, config)
  );
  CREATE TABLE samples (
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    answer TEXT,
    correct INTEGER NOT NULL,
    tokens INTEGER,
    score REAL,
    confidence REAL,
    PRIMARY KEY (result_id, position)
  );
  CREATE TABLE events (
    result_id INTEGER PRIMARY KEY REFERENCES results(id) ON DELETE CASCADE,
    events_json TEXT NOT NULL,
    thoughts_json TEXT NOT NULL
  );
  CREATE TABLE ledgers (
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    phase TEXT NOT NULL,
    model TEXT NOT NULL,
    samples INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    native_reasoning_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    latency_ms REAL NOT NULL,
    cost_usd REAL NOT NULL,
    PRIMARY KEY (result_id, position)
  );
  CREATE INDEX results_by_run ON results (run_id, config);
  `,
];

/** Brings the database to the newest schema; each step runs in its own transaction. */
export function migrate(database: Database.Database): number {
  const current = database.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    database.transaction(() => {
      database.exec(MIGRATIONS[version] as string);
      database.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
