/** @module Trace and streaming events: every step the engine takes is one of these. Types only. */
import type { LedgerTotals } from './budget.js';

export type ThoughtRole =
  | 'sample' // one full generation (a chain of thought and its answer)
  | 'step' // one step of a partial chain (beam search, MCTS)
  | 'candidate' // a candidate answer under evaluation
  | 'critique' // a critique or verifier explanation
  | 'refinement' // a revised answer
  | 'agent' // a society member's contribution
  | 'aggregate'; // a vote, a selection, a summary

/** A node of the trace. */
export interface Thought {
  id: string;
  parentId: string | null;
  role: ThoughtRole;
  /** Short human label, e.g. "Sample 3/8". */
  label: string;
  text: string;
  /** Extracted answer, when this thought produced one. */
  answer?: string;
  /** Verifier score in [0, 1], when scored. */
  score?: number;
  /** Tokens this thought generated. */
  tokens?: number;
}

/** Which limit stopped a request, or null when the strategy finished by itself. */
export type StopLimit = 'tokens' | 'usd' | 'seconds' | 'calls' | 'abort';

/** Why a request ended: OpenAI-style `stop`/`length`, plus `abort`/`error`. */
export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export type TraceEvent =
  | { type: 'thought-start'; id: string; parentId: string | null; role: ThoughtRole; label: string }
  | { type: 'thought-delta'; id: string; delta: string }
  | { type: 'thought-end'; id: string; text: string; answer?: string; tokens?: number }
  | { type: 'sample-end'; id: string; answer?: string; tokens: number; finishReason: string; confidence?: number }
  | { type: 'score'; id: string; verifier: string; value: number; evidence?: string }
  | {
      /** A search node (a `step` thought): kept or pruned on a beam (value: its score), or visited by MCTS (mean value, visits). */
      type: 'search-node';
      id: string;
      status: 'kept' | 'pruned' | 'visited';
      value: number;
      visits?: number;
      /** DVTS: the independent subtree the node belongs to. */
      subtree?: number;
    }
  | {
      type: 'vote';
      /** Answer → (weighted) votes. */
      tally: Record<string, number>;
      leader: string | undefined;
      /** Probability the leader is the majority answer (adaptive strategies), or the leader's share. */
      confidence: number;
      samples: number;
    }
  | { type: 'budget-update'; used: LedgerTotals; remaining: Partial<Record<'tokens' | 'usd' | 'seconds' | 'calls', number>> }
  | { type: 'answer-start' }
  | { type: 'answer-delta'; delta: string }
  | { type: 'answer-end'; text: string; answer?: string }
  | { type: 'finish'; finishReason: FinishReason; stoppedBy: StopLimit | null; usage: LedgerTotals }
  | { type: 'error'; code: string; message: string };

/** Receives events as they happen. */
export type EventSink = (event: TraceEvent) => void;

/** The tree of thoughts of one request plus the events that built it. */
export interface Trace {
  thoughts: Thought[];
  events: Array<TraceEvent & { at: number }>;
}
