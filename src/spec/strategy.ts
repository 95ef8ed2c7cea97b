/** @module The strategy contract: one shared signature for every algorithm that spends compute. Types only. */
import type { BudgetLimits, LedgerTotals, Phase } from './budget.js';
import type { GenerateRequest, GenerateResult, Model } from './model.js';
import type { FinishReason, StopLimit, Thought, ThoughtRole, TraceEvent } from './trace.js';
import type { AnswerKey, Problem, Verifier } from './verifier.js';

/** Everything a strategy receives; it never constructs any of it. */
export interface StrategyContext {
  model: Model;
  /** Outcome/process verifier, when the request or task provides one. */
  verifier: Verifier | undefined;
  /**
   * The process verifier for partial chains of `problem`, resolved by the engine from `verifier` and the
   * `processVerifier` option (`auto`, `steps`, `learned-steps`, `none`); undefined when none applies. Throws
   * INVALID_ARGUMENT for an unknown option value.
   */
  processVerifier(problem: Problem): Verifier | undefined;
  answers: AnswerKey;
  /**
   * Calls the model through the engine: charges the ledger, enforces the budget (caps maxTokens to what is left),
   * streams deltas into the named thoughts. When the budget allows no useful call it returns no samples and charges
   * nothing (`stopped()` then names the limit). `model` sends the call to another model (a judge), charged the same way.
   */
  generate(request: GenerateRequest & { phase?: Phase; thoughtIds?: string[]; model?: Model }): Promise<GenerateResult>;
  /**
   * Member models of a society, resolved by the engine from the `models` option (model ids); empty or absent when the
   * request names none. Called through `generate({ model })`, each charged at its own price under the same budget.
   */
  members?: readonly Model[];
  /**
   * A verifier that runs on `model` (the main model or a member), built and charged by the engine: `learned-steps` is the
   * model's learned check role (undefined when it has none), `judge` has it grade answers (charged in phase `verify`).
   */
  verifierOn?(model: Model, name: 'learned-steps' | 'judge'): Verifier | undefined;
  /** The limit that is exhausted now, or null when the strategy may continue spending. */
  stopped(): StopLimit | null;
  /** Tokens left under the budget (Infinity when unlimited). */
  tokensLeft(): number;
  limits: BudgetLimits;
  totals(): LedgerTotals;
  /** Emit an event on the trace. */
  emit(event: TraceEvent): void;
  /** Open a thought (emits thought-start) and return its id. */
  startThought(role: ThoughtRole, label: string, parentId?: string | null): string;
  /** Close a thought (emits thought-end) and record it on the trace. */
  endThought(id: string, fields: Omit<Thought, 'id' | 'parentId' | 'role' | 'label'>): void;
  /** Strategy-specific options (validated by the strategy), e.g. { n: 8 }. */
  options: Record<string, unknown>;
  /** Sampling temperature requested by the user (strategies may override for diversity). */
  temperature: number | undefined;
  seed: number | undefined;
  signal: AbortSignal;
}

export interface StrategyResult {
  /** Visible answer text returned to the user. */
  text: string;
  /** Extracted, comparable answer, when found. */
  answer: string | undefined;
  /** Human-readable thinking summary (the winning chain, or the narrative of the search). */
  reasoning: string;
  finishReason: FinishReason;
  /** Limit that stopped the strategy early, or null. */
  stoppedBy: StopLimit | null;
  /** Number of samples drawn. */
  samples: number;
  /** Strategy-specific facts (votes, confidence, chosen index). */
  details?: Record<string, unknown>;
}

export interface Strategy {
  readonly specificationVersion: 'v1';
  readonly name: string;
  readonly description: string;
  /** Needs a verifier to be meaningful (best-of-n). Runs with a fallback otherwise. */
  readonly usesVerifier: boolean;
  run(problem: Problem, context: StrategyContext): Promise<StrategyResult>;
}
