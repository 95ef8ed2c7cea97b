/** @module Verifiers and answer handling. Types only. */
import type { GenerateRequest, GenerateResult, Message, Model } from './model.js';

/** Options of one `Verifier.score` call. */
export interface ScoreOptions {
  signal?: AbortSignal;
  /**
   * The engine's charging call: a verifier that calls a model (a judge) goes through it, so its calls land on the ledger
   * (phase `verify`) and count against the request's limits; it returns no samples when the budget allows no call.
   */
  generate?: (request: GenerateRequest & { model?: Model }) => Promise<GenerateResult>;
}

/** A problem as strategies see it. */
export interface Problem {
  /** The user's question (last user message). */
  question: string;
  /** Full conversation, system messages included. */
  messages: Message[];
  /** Name of the task whose exact checker applies (`arithmetic`, `countdown`, …), if known. */
  task?: string;
  /** Known reference answer, if any (benchmarks). Strategies must never read it; only verifiers that are allowed to. */
  reference?: string;
}

/** A verdict in [0, 1] with evidence. */
export interface Score {
  value: number;
  evidence?: string;
  issues?: Array<{ code: string; message: string }>;
}

/** Scores a candidate (outcome) or a partial chain (process). */
export interface Verifier {
  readonly name: string;
  readonly kind: 'outcome' | 'process';
  /** True when the score comes from an exact checker (a correct answer scores 1, a wrong one 0). */
  readonly exact: boolean;
  score(
    problem: Problem,
    candidate: { text: string; answer?: string | undefined; reasoning?: string | undefined },
    options?: ScoreOptions,
  ): Promise<Score>;
}

/** Turns text into a comparable answer and decides equivalence. */
export interface AnswerKey {
  /** The final answer in a sample's text, or undefined when none can be found. */
  extract(text: string): string | undefined;
  /** Canonical form used as a vote key (equivalent answers share it where possible). */
  normalize(answer: string): string;
  equivalent(a: string, b: string): boolean;
}
