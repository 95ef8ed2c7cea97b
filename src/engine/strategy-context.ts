/** @module Builds the StrategyContext: a generate wrapper that enforces the budget, charges the ledger and streams deltas. */
import { type BudgetTracker, createBudgetTracker, createLedger, type Ledger } from '../budget/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { AnswerKey, BudgetLimits, GenerateResult, Model, StrategyContext, Verifier, Warning } from '../spec/index.js';
import type { TraceRecorder } from './trace-recorder.js';
import { estimateTokens } from './usage.js';

export interface StrategyContextOptions {
  model: Model;
  answers: AnswerKey;
  verifier: Verifier | undefined;
  limits: BudgetLimits;
  options: Record<string, unknown>;
  recorder: TraceRecorder;
  temperature?: number | undefined;
  seed?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Dollars per generated token, to turn a dollar limit into a token cap. */
  usdPerOutputToken?: number;
}

/** The context plus the engine-side state it fills in. */
export interface EngineRun {
  context: StrategyContext;
  ledger: Ledger;
  tracker: BudgetTracker;
  warnings: Warning[];
}

/** Creates the context a strategy runs in. */
export function createStrategyContext(options: StrategyContextOptions): EngineRun {
  const { model, recorder } = options;
  const ledger = createLedger();
  const signal = options.signal ?? new AbortController().signal;
  const tracker = createBudgetTracker({
    limits: options.limits,
    ledger,
    signal,
    ...(options.usdPerOutputToken === undefined ? {} : { usdPerOutputToken: options.usdPerOutputToken }),
  });
  const warnings: Warning[] = [];
  const seenWarnings = new Set<string>();
  const context: StrategyContext = {
    model,
    verifier: options.verifier,
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
    async generate(request) {
      const { phase = 'generate', thoughtIds, ...rest } = request;
      const allowance = tracker.allow(rest.n ?? 1, rest.maxTokens);
      if (!allowance) {
        throw new SlowthinkError(
          ERROR_CODES.BUDGET_TOO_SMALL,
          `The budget allows no more model calls (limit: ${tracker.stopped() ?? 'tokens'})`,
          {
            hint: 'Raise the budget, or check context.stopped() before calling generate.',
          },
        );
      }
      const millisecondsLeft = tracker.millisecondsLeft();
      const signals = [signal, ...(rest.signal && rest.signal !== signal ? [rest.signal] : [])];
      if (Number.isFinite(millisecondsLeft)) signals.push(AbortSignal.timeout(Math.max(1, Math.ceil(millisecondsLeft))));
      const callSignal = AbortSignal.any(signals);
      const started = Date.now();
      // Per sample: the channel of the last delta and whether the text so far ends a line (thinking and answer on separate lines).
      const streams = new Map<number, { channel: 'reasoning' | 'text'; lineEnded: boolean }>();
      let result: GenerateResult;
      try {
        result = await model.doGenerate({
          ...rest,
          n: allowance.n,
          ...(allowance.maxTokens === undefined ? {} : { maxTokens: allowance.maxTokens }),
          signal: callSignal,
          onDelta(index, delta, channel) {
            const id = thoughtIds?.[index];
            if (id !== undefined && delta) {
              const previous = streams.get(index);
              const separator = previous && previous.channel !== channel && !previous.lineEnded ? '\n' : '';
              streams.set(index, { channel, lineEnded: delta.endsWith('\n') });
              recorder.emit({ type: 'thought-delta', id, delta: `${separator}${delta}` });
            }
            rest.onDelta?.(index, delta, channel);
          },
        });
      } catch (error) {
        // A limit (time or abort) cut the call: nothing came back; the strategy sees no samples and stops.
        if (callSignal.aborted)
          return {
            samples: [],
            usage: { promptTokens: 0, completionTokens: 0 },
            latencyMs: Date.now() - started,
            costUsd: 0,
            warnings: [],
          };
        if (SlowthinkError.isInstance(error)) throw error;
        throw new SlowthinkError(
          ERROR_CODES.MODEL_CALL_FAILED,
          `Model ${model.id} failed: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
      }
      if (result.samples.length > allowance.n) {
        throw new SlowthinkError(
          ERROR_CODES.INTERNAL,
          `Model ${model.id} returned ${result.samples.length} samples, ${allowance.n} were requested`,
        );
      }
      for (const sample of result.samples) {
        if (sample.usage.completionTokens === undefined) {
          sample.usage = { ...sample.usage, completionTokens: estimateTokens(model, `${sample.reasoning ?? ''}${sample.text}`) };
        }
      }
      const completionTokens = result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
      ledger.record({
        phase,
        model: model.id,
        samples: result.samples.length,
        promptTokens: result.usage.promptTokens ?? estimateTokens(model, rest.messages.map((message) => message.content).join('\n')),
        completionTokens: Math.max(completionTokens, result.usage.completionTokens ?? 0),
        nativeReasoningTokens: result.usage.reasoningTokens ?? 0,
        cachedTokens: result.usage.cachedTokens ?? 0,
        latencyMs: result.latencyMs,
        costUsd: result.costUsd,
      });
      for (const warning of result.warnings) {
        const key = `${warning.type}:${warning.feature ?? ''}:${warning.message}`;
        if (!seenWarnings.has(key)) {
          seenWarnings.add(key);
          warnings.push(warning);
        }
      }
      recorder.emit({ type: 'budget-update', used: ledger.totals(), remaining: tracker.remaining() });
      return result;
    },
  };
  return { context, ledger, tracker, warnings };
}
