/** @module One choice of a completion: one engine run, its events rendered as narrative parts, then its result. */
import { ERROR_CODES, type ErrorCode, SlowthinkError } from '../errors/index.js';
import type { LedgerTotals } from '../spec/budget.js';
import type { ReasonRequest, ReasonResult, ReasonStream } from '../spec/engine.js';
import type { TraceEvent } from '../spec/trace.js';
import { exhaustedResult } from './exhausted-result.js';
import { type NarrativePart, TraceNarrator } from './trace-narrator.js';

/** What the server needs from the engine; injected so the server is testable without a model. */
export interface ServerEngine {
  streamReason(request: ReasonRequest): ReasonStream;
}

/** A finished choice: the engine's result and the texts the client saw. */
export interface ChoiceOutcome {
  result: ReasonResult;
  reasoning: string;
  content: string;
}

type First = { kind: 'event'; value: IteratorResult<TraceEvent> } | { kind: 'error'; error: unknown } | { kind: 'pending' };

/** An error event carries only a code and message; the result's rejection carries the full SlowthinkError. */
function errorFromEvent(event: Extract<TraceEvent, { type: 'error' }>): SlowthinkError {
  return new SlowthinkError(event.code as ErrorCode, event.message);
}

/** Runs one engine request and renders it; `start` may fail fast (bad strategy, unknown model) before anything is sent. */
export class ChoiceRun {
  readonly controller = new AbortController();
  readonly narrator = new TraceNarrator();
  private stream: ReasonStream | undefined;
  private iterator: AsyncIterator<TraceEvent> | undefined;
  private pendingNext: Promise<IteratorResult<TraceEvent>> | undefined;

  constructor(
    private readonly engine: ServerEngine,
    private readonly request: ReasonRequest,
  ) {}

  /**
   * Starts the engine and waits up to `graceMs` for its first event: an error in that window (a deterministic one, usually)
   * is returned so the caller can still answer with a proper HTTP status.
   */
  async start(graceMs: number): Promise<unknown | undefined> {
    try {
      this.stream = this.engine.streamReason({ ...this.request, signal: this.controller.signal });
      this.stream.result.catch(() => {}); // read in finish(); never an unhandled rejection
      this.iterator = this.stream[Symbol.asyncIterator]();
      this.pendingNext = this.iterator.next();
    } catch (error) {
      return error;
    }
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race<First>([
      this.pendingNext.then(
        (value) => ({ kind: 'event', value }),
        (error: unknown) => ({ kind: 'error', error }),
      ),
      new Promise<First>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'pending' }), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (first.kind === 'error') return first.error;
    if (first.kind === 'event' && !first.value.done && first.value.value.type === 'error') {
      return this.failure(first.value.value);
    }
    return undefined;
  }

  /**
   * Renders the plan line, then consumes the events, handing each rendered part to `onPart`; resolves with the result
   * (an empty `length` result when a limit stopped the run before any answer) or throws the engine's error.
   */
  async run(onPart: (part: NarrativePart) => void, planLine?: string): Promise<ChoiceOutcome> {
    const iterator = this.iterator!;
    let reasoning = '';
    let content = '';
    const emit = (part: NarrativePart) => {
      if (part.channel === 'reasoning') reasoning += part.text;
      else content += part.text;
      onPart(part);
    };
    if (planLine) for (const part of this.narrator.note(planLine)) emit(part);
    let totals: LedgerTotals | undefined;
    for (let next = await this.pendingNext!; !next.done; next = await iterator.next()) {
      const event = next.value;
      if (event.type === 'error') {
        const error = await this.failure(event);
        if (!SlowthinkError.isInstance(error) || error.code !== ERROR_CODES.BUDGET_TOO_SMALL) throw error;
        // A limit stopped the run before any answer: OpenAI's empty answer with finish_reason `length`, not an error.
        for (const part of [...this.narrator.flush(), ...this.narrator.note(`Stopped: ${error.message}.`)]) emit(part);
        return { result: exhaustedResult(this.request, error, totals), reasoning, content };
      }
      if (event.type === 'budget-update') totals = event.used;
      for (const part of this.narrator.render(event)) emit(part);
    }
    for (const part of this.narrator.flush()) emit(part);
    const result = await this.stream!.result;
    if (!this.narrator.hasContent && result.text !== '') emit({ channel: 'content', text: result.text });
    return { result, reasoning, content };
  }

  /** Cancels the engine run (client gone, or a sibling choice failed). */
  abort(): void {
    this.controller.abort();
  }

  private async failure(event: Extract<TraceEvent, { type: 'error' }>): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const fromResult = await Promise.race([
      this.stream!.result.then(
        () => undefined,
        (error: unknown) => error,
      ),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), 1000);
      }),
    ]);
    clearTimeout(timer);
    return SlowthinkError.isInstance(fromResult) ? fromResult : errorFromEvent(event);
  }
}
