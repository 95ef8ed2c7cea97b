/** @module `slowthink runs list|show|export`: read stored benchmark runs. */
import { existsSync } from 'node:fs';
import { buildSummary } from '../../bench/report/summary.js';
import { summaryToMarkdown } from '../../bench/report/summary-markdown.js';
import { formatSummaryTable, formatTable } from '../../bench/report/summary-table.js';
import type { BenchConfig } from '../../bench/run/bench-config.js';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { RunStore, resolveStorePath, type StoredResult } from '../../store/index.js';

const CSV_COLUMNS: Array<keyof StoredResult> = [
  'problemId',
  'config',
  'answer',
  'correct',
  'promptTokens',
  'completionTokens',
  'reasoningTokens',
  'costUsd',
  'seconds',
  'samples',
  'calls',
  'finishReason',
  'stoppedBy',
  'error',
  'createdAt',
];

const csvCell = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Results as CSV, one row per job. */
export function resultsToCsv(results: readonly StoredResult[]): string {
  return [CSV_COLUMNS.join(','), ...results.map((result) => CSV_COLUMNS.map((column) => csvCell(result[column])).join(','))].join('\n');
}

/** Readers never create a store: a missing file is bad input (a mistyped --store), not a new empty store. */
function withStore<T>(storePath: string | undefined, action: (store: RunStore) => T): T {
  const store = RunStore.open(resolveStorePath(storePath), { mustExist: true });
  try {
    return action(store);
  } finally {
    store.close();
  }
}

/** Text (or JSON) listing of all runs. */
export function listRunsText(options: { store?: string; json?: boolean }, environment: NodeJS.ProcessEnv = process.env): string {
  const path = resolveStorePath(options.store, environment);
  // The default store not written yet (no bench run so far) is an empty list; a path the user named must exist.
  const named = options.store !== undefined || environment['SLOWTHINK_STORE'] !== undefined;
  if (!named && !existsSync(path)) return options.json ? '[]' : `No runs in ${path}`;
  return withStore(path, (store) => {
    const runs = store.listRuns();
    if (options.json) return JSON.stringify(runs, null, 2);
    if (runs.length === 0) return `No runs in ${store.path}`;
    return formatTable(
      ['run id', 'status', 'task', 'model', 'jobs done', 'accuracy', 'created'],
      runs.map((run) => [
        run.id,
        run.status,
        run.task,
        run.model,
        `${run.finished}/${run.jobCount}`,
        // A kept ask/API trace is not graded: it has no accuracy.
        run.finished === 0 || run.options?.['kind'] === 'trace' ? '—' : `${((run.correct / run.finished) * 100).toFixed(1)}%`,
        run.createdAt.slice(0, 19).replace('T', ' '),
      ]),
    );
  });
}

/** Summary of one run as a table, Markdown or JSON. */
export function showRunText(runId: string, options: { store?: string; json?: boolean; markdown?: boolean }): string {
  return withStore(options.store, (store) => {
    const run = store.getRun(runId);
    const configs = ((run.options['configs'] as BenchConfig[] | undefined) ?? []).map((config) => config.key);
    const summary = buildSummary(run, store.problems(runId), store.results(runId), { configs });
    if (options.markdown) return summaryToMarkdown(summary);
    return options.json
      ? JSON.stringify(summary, null, 2)
      : `Run ${run.id}: ${run.task} on ${run.model}, ${run.status}\n\n${formatSummaryTable(summary)}`;
  });
}

/** All results of a run (with problems and per-sample records in JSON) as JSON or CSV. */
export function exportRunText(runId: string, options: { store?: string; format?: string }): string {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown export format ${format}`, {
      hint: 'Use --format json or --format csv.',
      param: 'format',
    });
  }
  return withStore(options.store, (store) => {
    const run = store.getRun(runId);
    const results = store.results(runId);
    if (format === 'csv') return resultsToCsv(results);
    return JSON.stringify({ run, problems: store.problems(runId), results }, null, 2);
  });
}

/** Rewrites a stored run's report folder (results.json, plots, report.html) from the store, without running anything. */
export async function reportRun(runId: string, options: { store?: string; out?: string; png?: boolean }): Promise<string> {
  const { writeReport } = await import('../../bench/report/write-report.js');
  return withStore(options.store, (store) => {
    const run = store.getRun(runId);
    const configs = ((run.options['configs'] as BenchConfig[] | undefined) ?? []).map((config) => config.key);
    const summary = buildSummary(run, store.problems(runId), store.results(runId), { configs });
    return writeReport(options.out ?? `reports/${runId}`, summary, { png: options.png !== false }).html;
  });
}
