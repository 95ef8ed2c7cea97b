/** @module What callers (CLI, server, bench) send to and get from the engine. Types only. */
import type { BudgetLimits, LedgerEntry, LedgerTotals } from './budget.js';
import type { Message, Model, Warning } from './model.js';
import type { FinishReason, StopLimit, Trace, TraceEvent } from './trace.js';
import type { Verifier } from './verifier.js';

export const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max', 'auto'] as const;
export type Effort = (typeof EFFORTS)[number];

/** Is `value` one of the effort names? The one membership test the engine, server and bench validate with. */
export function isEffort(value: string): value is Effort {
  return (EFFORTS as readonly string[]).includes(value);
}

/** The built-in strategies' names, in the registry's order (src/think/index.ts, which a test keeps equal): what
 * the web playground offers. A request may still name a strategy registered later. */
export const STRATEGY_NAMES = [
  'direct',
  'cot',
  'self-consistency',
  'adaptive-consistency',
  'best-of-n',
  'weighted-best-of-n',
  'think-longer',
  'beam',
  'dvts',
  'mcts',
  'refine',
  'society',
] as const;

export interface ReasonRequest {
  /** A question, or a whole conversation. One of the two is required. */
  question?: string;
  messages?: Message[];
  /** `provider:model` name or a Model instance; default: the embedded model. */
  model?: string | Model;
  effort?: Effort;
  /** Strategy name; overrides the effort's strategy. */
  strategy?: string;
  /** Strategy options, e.g. { n: 16 }. */
  options?: Record<string, unknown>;
  /** Hard limits; override the effort's defaults. */
  budget?: BudgetLimits;
  /** Task name whose checker verifies answers (`arithmetic`, `countdown`); auto-detected when absent. */
  task?: string;
  verifier?: Verifier;
  temperature?: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** completionTokens minus the visible answer's tokens. */
  reasoningTokens: number;
  cachedTokens: number;
}

export interface ReasonResult {
  /** Visible answer text. */
  text: string;
  /** Extracted comparable answer (e.g. "20126"), when found. */
  answer: string | undefined;
  reasoning: string;
  model: string;
  effort: Effort;
  strategy: string;
  finishReason: FinishReason;
  stoppedBy: StopLimit | null;
  usage: Usage;
  costUsd: number;
  seconds: number;
  samples: number;
  calls: number;
  totals: LedgerTotals;
  ledger: LedgerEntry[];
  trace: Trace;
  warnings: Warning[];
  details?: Record<string, unknown>;
}

/** A running request: events as they happen, then the result. */
export interface ReasonStream extends AsyncIterable<TraceEvent> {
  result: Promise<ReasonResult>;
}
