/**
 * @module The engine's one model call: plans it into the budget, cuts it at the time limit, streams its deltas into
 * thoughts, and charges whatever it did (a call cut short is charged for its partial samples, and counts as a call).
 */
import type { BudgetTracker, Ledger } from '../budget/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { costOf, priceOf } from '../models/prices.js';
import type { GenerateResult, Message, Model, Price, Sample, StrategyContext, Warning } from '../spec/index.js';
import type { TraceRecorder } from './trace-recorder.js';
import { estimateTokens } from './usage.js';

export interface ChargedCallOptions {
  model: Model;
  price: Price | undefined;
  ledger: Ledger;
  tracker: BudgetTracker;
  recorder: TraceRecorder;
  signal: AbortSignal;
  /** Collects the models' warnings, each once. */
  warnings: Warning[];
}

/** An upper bound on a prompt's tokens (the template's few tokens per message included), for planning dollars. */
export function promptTokenBound(model: Model, messages: readonly Message[], prefix = ''): number {
  const text = `${messages.map((message) => message.content).join('\n')}${prefix}`;
  return Math.max(estimateTokens(model, text), Math.ceil(text.length / 3)) + 4 * messages.length + 3;
}

/** What streamed of one sample, by channel: charged when a model fails after it had generated. */
interface Streamed {
  text: string;
  reasoning: string;
  channel: 'reasoning' | 'text';
  lineEnded: boolean;
}

function emptyResult(started: number): GenerateResult {
  return { samples: [], usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: Date.now() - started, costUsd: 0, warnings: [] };
}

/** The context's `generate`. */
export function createChargedCall(options: ChargedCallOptions): StrategyContext['generate'] {
  const { ledger, tracker, recorder, signal } = options;
  const seenWarnings = new Set<string>();
  // Per model: how far its real prompt counts ran above our bound (chat templates, tokenizers); later bounds scale by it.
  const promptScale = new Map<string, number>();
  return async (request) => {
    const { phase = 'generate', thoughtIds, model: target = options.model, ...rest } = request;
    // Another model (a society member, a judge) is charged and planned at its own price: its own, else the price table's.
    const price = target === options.model ? options.price : (target.price ?? priceOf(target.id));
    const started = Date.now();
    const promptBound = Math.ceil(promptTokenBound(target, rest.messages, rest.prefix) * (promptScale.get(target.id) ?? 1));
    const kind = `${target.id}|${phase}|${rest.maxTokens ?? ''}|${(rest.stop ?? []).join('\u0000')}|${rest.thinking ?? ''}`;
    const allowance = tracker.allow({ n: rest.n ?? 1, maxTokens: rest.maxTokens, promptTokens: promptBound, kind, price });
    // No useful call fits: no samples, nothing charged; `stopped()` names the limit.
    if (!allowance) return emptyResult(started);
    const millisecondsLeft = tracker.millisecondsLeft();
    const signals = [signal, ...(rest.signal && rest.signal !== signal ? [rest.signal] : [])];
    if (Number.isFinite(millisecondsLeft)) signals.push(AbortSignal.timeout(Math.max(1, Math.ceil(millisecondsLeft))));
    const callSignal = AbortSignal.any(signals);
    const streamed = new Map<number, Streamed>();
    let result: GenerateResult;
    try {
      result = await target.doGenerate({
        ...rest,
        n: allowance.n,
        ...(allowance.maxTokens === undefined ? {} : { maxTokens: allowance.maxTokens }),
        ...(Number.isFinite(millisecondsLeft) ? { deadline: Date.now() + millisecondsLeft } : {}),
        signal: callSignal,
        onDelta(index, delta, channel) {
          if (delta) {
            const previous = streamed.get(index) ?? { text: '', reasoning: '', channel, lineEnded: true };
            const separator = previous.channel !== channel && !previous.lineEnded ? '\n' : '';
            streamed.set(index, {
              text: channel === 'text' ? previous.text + delta : previous.text,
              reasoning: channel === 'reasoning' ? previous.reasoning + delta : previous.reasoning,
              channel,
              lineEnded: delta.endsWith('\n'),
            });
            const id = thoughtIds?.[index];
            if (id !== undefined) recorder.emit({ type: 'thought-delta', id, delta: `${separator}${delta}` });
          }
          rest.onDelta?.(index, delta, channel);
        },
      });
    } catch (error) {
      // A model that throws when a limit cut it (against the contract) still did the work that streamed: charge it.
      if (!callSignal.aborted) throw asModelError(target, error);
      result = { ...emptyResult(started), samples: samplesFromStream(target, streamed) };
    }
    if (result.samples.length > allowance.n) {
      throw new SlowthinkError(
        ERROR_CODES.INTERNAL,
        `Model ${target.id} returned ${result.samples.length} samples, ${allowance.n} were requested`,
      );
    }
    for (const sample of result.samples) {
      if (sample.usage.completionTokens === undefined) {
        sample.usage = { ...sample.usage, completionTokens: estimateTokens(target, `${sample.reasoning ?? ''}${sample.text}`) };
      }
    }
    const sampleTokens = result.samples.reduce((sum, sample) => sum + (sample.usage.completionTokens ?? 0), 0);
    const usage = {
      promptTokens: result.usage.promptTokens ?? estimateTokens(target, rest.messages.map((message) => message.content).join('\n')),
      completionTokens: Math.max(sampleTokens, result.usage.completionTokens ?? 0),
      cachedTokens: result.usage.cachedTokens ?? 0,
    };
    if (usage.promptTokens > promptBound)
      promptScale.set(target.id, (promptScale.get(target.id) ?? 1) * (usage.promptTokens / promptBound));
    ledger.record({
      phase,
      model: target.id,
      samples: result.samples.length,
      ...usage,
      nativeReasoningTokens: result.usage.reasoningTokens ?? 0,
      latencyMs: result.latencyMs || Date.now() - started,
      // At the model's price when known (so a partial call the backend did not bill still counts), never below the backend's own bill.
      costUsd: Math.max(result.costUsd, price ? costOf(usage, price) : 0),
    });
    const finished = result.samples.filter((sample) => sample.finishReason === 'stop');
    tracker.observe(
      kind,
      finished.map((sample) => sample.usage.completionTokens ?? 0),
    );
    for (const warning of result.warnings) {
      const key = `${warning.type}:${warning.feature ?? ''}:${warning.message}`;
      if (!seenWarnings.has(key)) {
        seenWarnings.add(key);
        options.warnings.push(warning);
      }
    }
    recorder.emit({ type: 'budget-update', used: ledger.totals(), remaining: tracker.remaining() });
    return result;
  };
}

/** The partial samples a failed call streamed, each ended by `abort` with its counted tokens. */
function samplesFromStream(model: Model, streamed: ReadonlyMap<number, Streamed>): Sample[] {
  const count = Math.max(0, ...[...streamed.keys()].map((index) => index + 1));
  return Array.from({ length: count }, (_, index): Sample => {
    const { text, reasoning } = streamed.get(index) ?? { text: '', reasoning: '' };
    return {
      text,
      ...(reasoning ? { reasoning } : {}),
      finishReason: 'abort',
      usage: { promptTokens: undefined, completionTokens: estimateTokens(model, `${reasoning}${text}`) },
    };
  });
}

function asModelError(model: Model, error: unknown): SlowthinkError {
  if (SlowthinkError.isInstance(error)) return error;
  return new SlowthinkError(
    ERROR_CODES.MODEL_CALL_FAILED,
    `Model ${model.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      cause: error,
    },
  );
}
