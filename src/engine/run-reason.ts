/** @module Runs one request end to end: resolve, build the context, run the strategy, emit the answer, account usage. */
import { ERROR_CODES, type ErrorReport, SlowthinkError } from '../errors/index.js';
import { priceOf } from '../models/prices.js';
import type { EventSink, Model, Price, ReasonRequest, ReasonResult, StopLimit, StrategyResult, Warning } from '../spec/index.js';
import { invalidAnswerWarning } from '../verify/index.js';
import { resolveRequest } from './resolve-request.js';
import { createStrategyContext } from './strategy-context.js';
import { createTraceRecorder } from './trace-recorder.js';
import { computeUsage } from './usage.js';

/** Runs a request, sending every event to `sink`; resolves with the result or throws SlowthinkError (with `report` once it ran). */
export async function runReason(request: ReasonRequest, sink?: EventSink): Promise<ReasonResult> {
  const resolved = await resolveRequest(request);
  const { model, strategy } = resolved;
  const recorder = createTraceRecorder(sink);
  const price = modelPrice(model);
  const run = createStrategyContext({
    model,
    members: resolved.members,
    answers: resolved.answers,
    verifier: resolved.verifier,
    limits: resolved.limits,
    options: resolved.options,
    recorder,
    temperature: request.temperature,
    seed: request.seed,
    signal: request.signal,
    price,
  });
  const report = (stoppedBy: StopLimit | null): ErrorReport => ({
    model: model.id,
    effort: resolved.effort === 'auto' ? resolved.plan.effort : resolved.effort,
    strategy: strategy.name,
    stoppedBy,
    totals: run.ledger.totals(),
  });
  try {
    if (resolved.limits.maxUsd !== undefined) {
      const unpriced = [model, ...resolved.members].find((each) => !modelPrice(each));
      if (unpriced) throw unpricedModel(unpriced);
    }
    return await runStrategy(request, resolved, run, recorder, report);
  } catch (error) {
    for (const id of recorder.openThoughts()) recorder.endThought(id, { text: '' });
    throw withReport(error, report(run.tracker.stopped()), request.signal, strategy.name);
  }
}

type Resolved = Awaited<ReturnType<typeof resolveRequest>>;
type Run = ReturnType<typeof createStrategyContext>;

async function runStrategy(
  request: ReasonRequest,
  resolved: Resolved,
  run: Run,
  recorder: ReturnType<typeof createTraceRecorder>,
  report: (stoppedBy: StopLimit | null) => ErrorReport,
): Promise<ReasonResult> {
  const { model, strategy, problem } = resolved;
  const outcome: StrategyResult = await strategy.run(problem, run.context);
  for (const id of recorder.openThoughts()) recorder.endThought(id, { text: '' });
  const stoppedBy = outcome.stoppedBy ?? (request.signal?.aborted ? 'abort' : null);
  const totals = run.ledger.totals();
  // A limit stopped the request before any extractable answer. Work was done and charged: a result with no answer
  // that says which limit stopped it (as OpenAI answers `content: ""`, finish_reason `length`). Nothing could be done
  // at all: an error that names the limit and carries the (empty) ledger.
  let noAnswer: Warning | undefined;
  if (outcome.answer === undefined && stoppedBy !== null) {
    if (stoppedBy === 'abort') throw aborted(undefined, report('abort'));
    const message = `The ${stoppedBy} limit stopped the request before any answer (${totals.completionTokens} tokens, ${totals.calls} calls spent)`;
    const hint = `Raise the ${limitFlag(stoppedBy)} limit or lower the effort.`;
    if (totals.calls === 0) {
      throw new SlowthinkError(ERROR_CODES.BUDGET_TOO_SMALL, message, {
        hint,
        param: `budget.${limitFlag(stoppedBy)}`,
        report: report(stoppedBy),
      });
    }
    noAnswer = { type: 'other', feature: 'budget', message: `${message}. ${hint}` };
  }
  recorder.emit({ type: 'answer-start' });
  if (outcome.text) recorder.emit({ type: 'answer-delta', delta: outcome.text });
  recorder.emit({ type: 'answer-end', text: outcome.text, ...(outcome.answer === undefined ? {} : { answer: outcome.answer }) });
  const finishReason = stoppedBy === 'abort' ? 'abort' : noAnswer ? 'length' : outcome.finishReason;
  recorder.emit({ type: 'finish', finishReason, stoppedBy, usage: totals });
  // An answer the task's honest checker rejects (a Countdown expression using numbers not given) says so.
  const invalid = invalidAnswerWarning(resolved.task, problem.question, outcome.answer);
  const warnings: Warning[] = [
    ...run.warnings,
    ...((outcome.details?.warnings as Warning[] | undefined) ?? []),
    ...(invalid ? [invalid] : []),
    ...(noAnswer ? [noAnswer] : []),
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

function aborted(cause: unknown, report: ErrorReport): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.ABORTED, 'The request was aborted before any answer', { cause, report });
}

/** The model's price: its own (options, or $0 for local models), else the price table's; undefined when unknown. */
export function modelPrice(model: Model): Price | undefined {
  return model.price ?? priceOf(model.id);
}

function unpricedModel(model: Model): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `A dollar limit needs a price, and ${model.id} has none`, {
    hint: 'Give the model a price (`prices` in slowthink.config.json, or `price` in the model options), or use --max-tokens instead.',
    param: 'budget.maxUsd',
  });
}

/** Any failure of a request that ran, as a SlowthinkError carrying the request's report (an abort as ABORTED). */
function withReport(error: unknown, report: ErrorReport, signal: AbortSignal | undefined, strategy: string): SlowthinkError {
  if (SlowthinkError.isInstance(error) && error.report) return error;
  if (signal?.aborted) return aborted(error, { ...report, stoppedBy: 'abort' });
  if (!SlowthinkError.isInstance(error)) {
    const message = `Strategy ${strategy} failed: ${error instanceof Error ? error.message : String(error)}`;
    return new SlowthinkError(ERROR_CODES.INTERNAL, message, { cause: error, report });
  }
  const copy = new SlowthinkError(error.code, error.message, {
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    retryable: error.retryable,
    ...(error.param === undefined ? {} : { param: error.param }),
    cause: error.cause ?? error,
    ...(error.upstreamStatus === undefined ? {} : { upstreamStatus: error.upstreamStatus }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    report,
  });
  if (error.stack) copy.stack = error.stack;
  return copy;
}
