/** @module Runs one request end to end: resolve, build the context, run the strategy, emit the answer, account usage. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { priceOf } from '../models/prices.js';
import type { EventSink, ReasonRequest, ReasonResult, StrategyResult, Warning } from '../spec/index.js';
import { invalidAnswerWarning } from '../verify/index.js';
import { resolveRequest } from './resolve-request.js';
import { createStrategyContext } from './strategy-context.js';
import { createTraceRecorder } from './trace-recorder.js';
import { computeUsage } from './usage.js';

/** Runs a request, sending every event to `sink`; resolves with the result or throws SlowthinkError. */
export async function runReason(request: ReasonRequest, sink?: EventSink): Promise<ReasonResult> {
  const resolved = await resolveRequest(request);
  const { model, strategy, problem } = resolved;
  const recorder = createTraceRecorder(sink);
  const price = priceOf(model.id);
  const run = createStrategyContext({
    model,
    answers: resolved.answers,
    verifier: resolved.verifier,
    limits: resolved.limits,
    options: resolved.options,
    recorder,
    temperature: request.temperature,
    seed: request.seed,
    signal: request.signal,
    ...(price && price.outputPerMTok > 0 ? { usdPerOutputToken: price.outputPerMTok / 1_000_000 } : {}),
  });
  let outcome: StrategyResult;
  try {
    outcome = await strategy.run(problem, run.context);
  } catch (error) {
    for (const id of recorder.openThoughts()) recorder.endThought(id, { text: '' });
    if (request.signal?.aborted) throw aborted(error);
    throw SlowthinkError.isInstance(error)
      ? error
      : new SlowthinkError(
          ERROR_CODES.INTERNAL,
          `Strategy ${strategy.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
  }
  for (const id of recorder.openThoughts()) recorder.endThought(id, { text: '' });
  const stoppedBy = outcome.stoppedBy ?? (request.signal?.aborted ? 'abort' : null);
  const totals = run.ledger.totals();
  // A limit cut the request before any extractable answer: an error that names the limit, not a truncated fragment.
  if (outcome.answer === undefined && stoppedBy !== null) {
    if (stoppedBy === 'abort') throw aborted(undefined);
    throw new SlowthinkError(
      ERROR_CODES.BUDGET_TOO_SMALL,
      `The ${stoppedBy} limit stopped the request before any answer (${totals.completionTokens} tokens, ${totals.calls} calls spent)`,
      {
        hint: `Raise the ${limitFlag(stoppedBy)} limit or lower the effort.`,
        param: `budget.${limitFlag(stoppedBy)}`,
      },
    );
  }
  recorder.emit({ type: 'answer-start' });
  if (outcome.text) recorder.emit({ type: 'answer-delta', delta: outcome.text });
  recorder.emit({ type: 'answer-end', text: outcome.text, ...(outcome.answer === undefined ? {} : { answer: outcome.answer }) });
  const finishReason = stoppedBy === 'abort' ? 'abort' : outcome.finishReason;
  recorder.emit({ type: 'finish', finishReason, stoppedBy, usage: totals });
  // An answer the task's honest checker rejects (a Countdown expression using numbers not given) says so.
  const invalid = invalidAnswerWarning(resolved.task, problem.question, outcome.answer);
  const warnings: Warning[] = [
    ...run.warnings,
    ...((outcome.details?.warnings as Warning[] | undefined) ?? []),
    ...(invalid ? [invalid] : []),
  ];
  const result: ReasonResult = {
    text: outcome.text,
    answer: outcome.answer,
    reasoning: outcome.reasoning,
    model: model.id,
    effort: resolved.effort === 'auto' ? resolved.plan.effort : resolved.effort,
    strategy: strategy.name,
    finishReason,
    stoppedBy,
    usage: computeUsage({
      model,
      ledger: run.ledger.entries,
      totals,
      answerText: outcome.text,
      samples: outcome.samples,
      reasoning: outcome.reasoning,
    }),
    costUsd: totals.costUsd,
    seconds: run.tracker.elapsedSeconds(),
    samples: outcome.samples,
    calls: totals.calls,
    totals,
    ledger: [...run.ledger.entries],
    trace: recorder.trace,
    warnings,
    details: { ...outcome.details, requestedEffort: resolved.effort, task: resolved.task?.name ?? null, limits: resolved.limits },
  };
  return result;
}

function limitFlag(limit: string): string {
  return { tokens: 'maxTokens', usd: 'maxUsd', seconds: 'maxSeconds', calls: 'maxCalls' }[limit] ?? limit;
}

function aborted(cause: unknown): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.ABORTED, 'The request was aborted before any answer', { cause });
}
