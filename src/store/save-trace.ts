/** @module Keeps one `ask` or API request's trace in the run store as a one-job run, so the run browser can replay it. */
import type { LedgerTotals, ReasonResult, Thought, TraceEvent } from '../spec/index.js';
import type { JobRecord, RunRecord } from './records.js';
import type { RunStore } from './run-store.js';

/** Where a stored trace came from: the CLI's `ask` or the HTTP API (chat, responses, the playground). */
export type TraceSource = 'ask' | 'api';

/** What one finished (or failed) request leaves behind. */
export interface TraceToSave {
  source: TraceSource;
  question: string;
  model: string;
  effort: string;
  strategy: string;
  /** The result, when the request produced one (a limit or an abort that left an answer counts). */
  result?: ReasonResult;
  /** Without a result: the events seen before the failure, and the failure. */
  events?: Array<TraceEvent & { at?: number }>;
  error?: { code: string; message: string; totals?: LedgerTotals; stoppedBy?: string | null };
}

/** Options of a trace run, stored as JSON beside it; `kind: 'trace'` tells it from a bench run. */
export interface TraceRunOptions {
  kind: 'trace';
  source: TraceSource;
  effort: string;
  strategy: string;
  [key: string]: unknown;
}

/** The id of the one problem of a trace run. */
export const TRACE_PROBLEM_ID = 'question';

function thoughtsOf(events: readonly TraceEvent[]): Thought[] {
  const byId = new Map<string, Thought>();
  for (const event of events) {
    if (event.type === 'thought-start') {
      byId.set(event.id, { id: event.id, parentId: event.parentId, role: event.role, label: event.label, text: '' });
    } else if (event.type === 'thought-end') {
      const thought = byId.get(event.id);
      if (thought) Object.assign(thought, { text: event.text, answer: event.answer, tokens: event.tokens });
    }
  }
  return [...byId.values()];
}

/** The stored job of one finished engine result (a kept trace, a stored-run fixture of the browser tests). */
export function jobRecordOfResult(result: ReasonResult, job: { problemId: string; config: string; correct: boolean }): JobRecord {
  return {
    ...job,
    answer: result.answer,
    text: result.text,
    promptTokens: result.usage.promptTokens,
    completionTokens: result.usage.completionTokens,
    reasoningTokens: result.usage.reasoningTokens,
    costUsd: result.costUsd,
    seconds: result.seconds,
    samples: result.samples,
    calls: result.calls,
    finishReason: result.finishReason,
    stoppedBy: result.stoppedBy,
    error: null,
    sampleRecords: [],
    events: result.trace.events,
    thoughts: result.trace.thoughts,
    ledger: result.ledger,
  };
}

function jobOf(trace: TraceToSave, config: string): JobRecord {
  const { result } = trace;
  // A question has no reference answer: traces are not graded.
  if (result) return jobRecordOfResult(result, { problemId: TRACE_PROBLEM_ID, config, correct: false });
  const events = trace.events ?? [];
  const totals = trace.error?.totals;
  return {
    problemId: TRACE_PROBLEM_ID,
    config,
    answer: undefined,
    correct: false,
    text: '',
    promptTokens: totals?.promptTokens ?? 0,
    completionTokens: totals?.completionTokens ?? 0,
    reasoningTokens: totals?.completionTokens ?? 0,
    costUsd: totals?.costUsd ?? 0,
    seconds: totals?.seconds ?? 0,
    samples: totals?.samples ?? 0,
    calls: totals?.calls ?? 0,
    finishReason: 'error',
    stoppedBy: trace.error?.stoppedBy ?? null,
    error: trace.error ? `${trace.error.code}: ${trace.error.message}` : 'no result',
    sampleRecords: [],
    events,
    thoughts: thoughtsOf(events),
    ledger: [],
  };
}

/** Stores the trace as a run of one job and returns the run; a store failure throws (callers warn and go on). */
export function saveTrace(store: RunStore, trace: TraceToSave): RunRecord {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15);
  const id = `${trace.source}-${stamp}-${crypto.randomUUID().slice(0, 6)}`;
  const config = `${trace.strategy} (${trace.effort})`;
  const options: TraceRunOptions = { kind: 'trace', source: trace.source, effort: trace.effort, strategy: trace.strategy };
  const run = store.createRun({ id, task: trace.source, model: trace.model, jobCount: 1, options }, [
    { id: TRACE_PROBLEM_ID, task: trace.source, question: trace.question },
  ]);
  store.saveResult(id, jobOf(trace, config));
  store.setStatus(id, trace.result ? 'completed' : 'failed');
  return { ...run, status: trace.result ? 'completed' : 'failed' };
}
