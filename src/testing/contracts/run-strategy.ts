/** @module Runs one strategy directly in an engine-built context and collects its events and ledger (tests only). */
import { createStrategyContext } from '../../engine/strategy-context.js';
import { createTraceRecorder } from '../../engine/trace-recorder.js';
import type {
  AnswerKey,
  BudgetLimits,
  LedgerTotals,
  Model,
  Problem,
  Strategy,
  StrategyResult,
  TraceEvent,
  Verifier,
} from '../../spec/index.js';
import { createAnswerKey } from '../../verify/index.js';

export interface RunStrategyOptions {
  strategy: Strategy;
  model: Model | (() => Model | Promise<Model>);
  question: string;
  options?: Record<string, unknown>;
  limits?: BudgetLimits;
  verifier?: Verifier;
  answers?: AnswerKey;
  signal?: AbortSignal | undefined;
  seed?: number;
  temperature?: number;
}

/** What one strategy run produced. */
export interface StrategyRun {
  result: StrategyResult;
  events: TraceEvent[];
  totals: LedgerTotals;
}

/** Runs `strategy` on `question` with the engine's context (budget, ledger, events) and the default answer key. */
export async function runStrategy(options: RunStrategyOptions): Promise<StrategyRun> {
  const model = typeof options.model === 'function' ? await options.model() : options.model;
  const events: TraceEvent[] = [];
  const recorder = createTraceRecorder((event) => events.push(event));
  const problem: Problem = { question: options.question, messages: [{ role: 'user', content: options.question }] };
  const run = createStrategyContext({
    model,
    answers: options.answers ?? createAnswerKey(),
    verifier: options.verifier,
    limits: options.limits ?? {},
    options: options.options ?? {},
    recorder,
    seed: options.seed,
    temperature: options.temperature,
    signal: options.signal,
  });
  const result = await options.strategy.run(problem, run.context);
  return { result, events, totals: run.ledger.totals() };
}
