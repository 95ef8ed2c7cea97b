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
  /** The right response is to decline (`answer: null` with a reason): an unsolvable Countdown draw, a question out of range. */
  unanswerable?: boolean;
  meta?: Record<string, unknown>;
}

/**
 * Which problems a generator draws. `train` (the default): the shapes training sees, from which the in-distribution
 * held-out set is drawn by seed. `held-out-shapes`: only the problem shapes (expression trees, Countdown draw types)
 * that training never sees, to measure generalisation beyond them. Tasks without shapes return the same for both.
 */
export type ProblemSplit = 'train' | 'held-out-shapes';

/**
 * How a generator draws within the `train` split. `natural` (the default): the distribution the evaluation sets are
 * drawn from. `balanced`: a training curriculum over the same problems: rare shapes and operations weighted up (every
 * expression shape of a level equally often, more divisions), so a model sees each of them thousands of times. Tasks
 * without such weights return the same for both.
 */
export type ProblemDraw = 'natural' | 'balanced';

export interface GenerateOptions {
  seed: number;
  count: number;
  level?: number;
  split?: ProblemSplit;
  draw?: ProblemDraw;
}

export interface Task {
  readonly name: string;
  readonly description: string;
  readonly levels: readonly number[];
  /** Deterministic for a given seed (and split). */
  generate(options: GenerateOptions): TaskProblem[];
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
  /**
   * Why the embedded models cannot answer this (normalised) question of the task reliably (`it has a 9-digit number`),
   * or undefined when it is within what they were trained on; the runtime declines with this reason.
   */
  outOfScope?(question: string): string | undefined;
  /**
   * Is `candidate` the task's honest "cannot be done" answer (Countdown's `no solution`)? Tasks that can say so
   * define it; RL's reward then ranks a wrong decline above a wrong committed answer.
   */
  isDecline?(candidate: string): boolean;
  /** Why `candidate` is not a right answer to `question` (`uses 2, which is not given`), or undefined when it is right. */
  explain?(question: string, candidate: string): string | undefined;
}
