/** @module Turns an engine result (or a failure) into the graded, storable record of one job. */

import type { ReasonResult, TaskProblem, TraceEvent } from '../../spec/index.js';
import type { JobRecord, SampleRecord } from '../../store/index.js';
import type { BenchConfig } from './bench-config.js';

/** What the bench needs from a solver: the engine's ReasonResult, of which trace, ledger and finish fields are optional. */
export type SolveOutcome = Pick<ReasonResult, 'text' | 'answer' | 'usage' | 'costUsd' | 'seconds' | 'samples' | 'calls'> &
  Partial<Pick<ReasonResult, 'finishReason' | 'stoppedBy' | 'ledger' | 'trace'>> & {
    /** Samples the solver graded itself, each with its own text (the model bench); else they are read from the trace. */
    sampleRecords?: SampleRecord[];
  };

/** Solves one problem under one config; the CLI wires the real engine, tests a fake. */
export type Solver = (problem: TaskProblem, config: BenchConfig, context: { seed: number; signal: AbortSignal }) => Promise<SolveOutcome>;

/** Grades an extracted answer against a problem. */
export type Grader = (problem: TaskProblem, answer: string | undefined, text?: string) => boolean;

/** Streaming deltas are dropped from the stored trace: `thought-end` and `answer-end` carry the full text. */
const DROPPED_EVENTS = new Set<TraceEvent['type']>(['thought-delta', 'answer-delta']);

/** Each drawn sample of a trace, graded on its own, with its tokens, verifier score and confidence. */
export function sampleRecordsOf(problem: TaskProblem, outcome: SolveOutcome, grade: Grader): SampleRecord[] {
  const events = outcome.trace?.events ?? [];
  const scores = new Map<string, number>();
  const sampleEnds = new Map<string, Extract<TraceEvent, { type: 'sample-end' }>>();
  for (const event of events) {
    if (event.type === 'score') scores.set(event.id, event.value);
    if (event.type === 'sample-end') sampleEnds.set(event.id, event);
  }
  // Thoughts closed without a sample (budget cut, abort) have no sample-end event and are not samples.
  const sampleThoughts = (outcome.trace?.thoughts ?? []).filter(
    (thought) => thought.role === 'sample' && (sampleEnds.size === 0 || sampleEnds.has(thought.id)),
  );
  const ids = sampleThoughts.length > 0 ? sampleThoughts.map((thought) => thought.id) : [...sampleEnds.keys()];
  return ids.map((id) => {
    const thought = sampleThoughts.find((candidate) => candidate.id === id);
    const end = sampleEnds.get(id);
    const answer = thought?.answer ?? end?.answer;
    return {
      answer,
      correct: grade(problem, answer),
      tokens: thought?.tokens ?? end?.tokens,
      score: scores.get(id) ?? thought?.score,
      confidence: end?.confidence,
    };
  });
}

/** The record of a job that finished. */
export function recordFromOutcome(problem: TaskProblem, config: BenchConfig, outcome: SolveOutcome, grade: Grader): JobRecord {
  return {
    problemId: problem.id,
    config: config.key,
    answer: outcome.answer,
    correct: grade(problem, outcome.answer, outcome.text),
    text: outcome.text,
    promptTokens: outcome.usage.promptTokens,
    completionTokens: outcome.usage.completionTokens,
    reasoningTokens: outcome.usage.reasoningTokens,
    costUsd: outcome.costUsd,
    seconds: outcome.seconds,
    samples: outcome.samples,
    calls: outcome.calls,
    finishReason: outcome.finishReason ?? null,
    stoppedBy: outcome.stoppedBy ?? null,
    error: null,
    sampleRecords: outcome.sampleRecords ?? sampleRecordsOf(problem, outcome, grade),
    events: (outcome.trace?.events ?? []).filter((event) => !DROPPED_EVENTS.has(event.type)),
    thoughts: outcome.trace?.thoughts ?? [],
    ledger: outcome.ledger ?? [],
  };
}

/** A job record that spent nothing and answered nothing: the base of a failed job's record (and of test rows). */
export function emptyJobRecord(problemId: string, config: string): JobRecord {
  return {
    problemId,
    config,
    answer: undefined,
    correct: false,
    text: '',
    promptTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    seconds: 0,
    samples: 0,
    calls: 0,
    finishReason: 'stop',
    stoppedBy: null,
    error: null,
    sampleRecords: [],
    events: [],
    thoughts: [],
    ledger: [],
  };
}

/** The record of a job that threw: kept so the failure is visible, and re-run on resume. */
export function recordFromError(problem: TaskProblem, config: BenchConfig, error: unknown, seconds: number): JobRecord {
  const code = typeof error === 'object' && error !== null && 'code' in error ? `${String((error as { code: unknown }).code)}: ` : '';
  const message = error instanceof Error ? error.message : String(error);
  return { ...emptyJobRecord(problem.id, config.key), seconds, finishReason: 'error', error: `${code}${message}` };
}
