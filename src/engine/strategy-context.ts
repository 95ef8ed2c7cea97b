/** @module Builds the StrategyContext: a generate wrapper that plans each call into the budget, charges the ledger and streams deltas. */
import { type BudgetTracker, createBudgetTracker, createLedger, type Ledger } from '../budget/index.js';
import type { AnswerKey, BudgetLimits, Model, Price, StrategyContext, Verifier, Warning } from '../spec/index.js';
import { createVerifier, hasStepCheck } from '../verify/index.js';
import { createChargedCall } from './charged-call.js';
import { resolveProcessVerifier } from './process-verifier.js';
import type { TraceRecorder } from './trace-recorder.js';

export interface StrategyContextOptions {
  model: StrategyContext['model'];
  /** A society's member models (the `models` option, resolved); each call to one is charged at its own price. */
  members?: readonly Model[] | undefined;
  answers: AnswerKey;
  verifier: Verifier | undefined;
  limits: BudgetLimits;
  options: Record<string, unknown>;
  recorder: TraceRecorder;
  temperature?: number | undefined;
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
  /** The model's price (default: `model.price`); every call is charged at its model's price. */
  price?: Price | undefined;
}

/** The context plus the engine-side state it fills in. */
export interface EngineRun {
  context: StrategyContext;
  ledger: Ledger;
  tracker: BudgetTracker;
  warnings: Warning[];
}

/** Creates the context a strategy runs in; its verifier's model calls (a judge) are charged like the strategy's own. */
export function createStrategyContext(options: StrategyContextOptions): EngineRun {
  const { model, recorder } = options;
  const ledger = createLedger();
  const signal = options.signal ?? new AbortController().signal;
  const price = options.price ?? model.price;
  const tracker = createBudgetTracker({ limits: options.limits, ledger, signal, price });
  const warnings: Warning[] = [];
  const generate = createChargedCall({ model, price, ledger, tracker, recorder, signal, warnings });
  const verifier = options.verifier && chargedVerifier(options.verifier, generate);
  const context: StrategyContext = {
    model,
    members: options.members ?? [],
    verifierOn: (on, name) => {
      if (name === 'judge')
        return createVerifier('judge', { model: on, generate: (request) => generate({ ...request, model: on, phase: 'verify' }) });
      return hasStepCheck(on) ? createVerifier('learned-steps', { model: on }) : undefined;
    },
    verifier,
    processVerifier: (problem) => resolveProcessVerifier(problem, { verifier, options: options.options, model }),
    answers: options.answers,
    limits: options.limits,
    options: options.options,
    temperature: options.temperature,
    seed: options.seed,
    signal,
    stopped: () => tracker.stopped(),
    tokensLeft: () => tracker.tokensLeft(),
    totals: () => ledger.totals(),
    emit: recorder.emit,
    startThought: recorder.startThought,
    endThought: recorder.endThought,
    generate,
  };
  return { context, ledger, tracker, warnings };
}

/** The verifier with the engine's charging call handed to every `score` (phase `verify`). */
function chargedVerifier(verifier: Verifier, generate: StrategyContext['generate']): Verifier {
  return {
    name: verifier.name,
    kind: verifier.kind,
    exact: verifier.exact,
    score: (problem, candidate, scoreOptions = {}) =>
      verifier.score(problem, candidate, {
        ...scoreOptions,
        generate: scoreOptions.generate ?? ((request) => generate({ ...request, phase: 'verify' })),
      }),
  };
}
