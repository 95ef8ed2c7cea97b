/** @module Row shapes of the run store: what a benchmark writes per run, per problem and per job. */
import type { LedgerEntry, TaskProblem, Thought, TraceEvent } from '../spec/index.js';

export type RunStatus = 'running' | 'completed' | 'failed';

/** One benchmark run: what was asked (options) and how far it got. */
export interface RunRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  task: string;
  model: string;
  /** Problems × configs. */
  jobCount: number;
  /** The bench options needed to resume the run (configs, seed, model …), as JSON. */
  options: Record<string, unknown>;
}

/** One drawn sample inside a job, graded on its own (for majority@N / best-of-N curves). */
export interface SampleRecord {
  answer: string | undefined;
  correct: boolean;
  tokens: number | undefined;
  /** Verifier score in [0, 1], when the strategy scored it. */
  score: number | undefined;
  /** The model's own confidence in its answer, when reported. */
  confidence: number | undefined;
}

/** The graded outcome of one job (one problem under one config). */
export interface JobRecord {
  problemId: string;
  /** Config key, e.g. `effort=high` or `self-consistency:n=40`. */
  config: string;
  answer: string | undefined;
  correct: boolean;
  text: string;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  costUsd: number;
  seconds: number;
  samples: number;
  calls: number;
  finishReason: string | null;
  stoppedBy: string | null;
  /** Set when the job failed; such rows are re-run on resume. */
  error: string | null;
  sampleRecords: SampleRecord[];
  events: TraceEvent[];
  thoughts: Thought[];
  ledger: LedgerEntry[];
}

/** A stored job result without its trace (what metrics read). */
export type StoredResult = Omit<JobRecord, 'events' | 'thoughts' | 'ledger'> & { createdAt: string };

/** Problems as stored with a run, in their original order. */
export type StoredProblem = TaskProblem;
