/** @module Tasks: problem sources with their exact checkers. Types only. */
import type { AnswerKey } from './verifier.js';

export interface TaskProblem {
  /** Stable id, e.g. `arithmetic/L3/seed7/12`. */
  id: string;
  task: string;
  question: string;
  /** Reference answer when one exists (arithmetic); absent where any valid answer counts (countdown). */
  answer?: string;
  level?: number;
  meta?: Record<string, unknown>;
}

export interface Task {
  readonly name: string;
  readonly description: string;
  readonly levels: readonly number[];
  /** Deterministic for a given seed. */
  generate(options: { seed: number; count: number; level?: number }): TaskProblem[];
  /** Exact checker: is `candidate` (an extracted answer) a correct answer to `question`? */
  check(question: string, candidate: string): boolean;
  /** Does this question belong to this task (auto-detection for the embedded model and verifiers)? */
  matches(question: string): boolean;
  /**
   * The verifier the engine uses at inference by default. `checker`: the exact checker only verifies a proposed
   * solution, which is honest test-time verification (Countdown). `steps`: the checker would recompute the answer from
   * the question (arithmetic), an oracle no real model has, so the engine checks the model's own steps instead.
   * Benchmarks still grade with `check`.
   */
  readonly inferenceVerifier?: 'checker' | 'steps';
  /** Task-specific answer handling (e.g. Countdown votes on an expression's value). */
  answerKey?: Partial<AnswerKey>;
  /** Answer handling bound to one question (Countdown: only expressions over the given numbers that make the target vote); wins over `answerKey`. */
  answerKeyFor?(question: string): Partial<AnswerKey>;
  /** Why `candidate` is not a right answer to `question` (`uses 2, which is not given`), or undefined when it is right. */
  explain?(question: string, candidate: string): string | undefined;
}
