/** @module A scripted engine for the server's control-flow tests only: a realistic event sequence, no model, no quality claims. */
import { DEFAULT_EFFORT } from '../budget/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { ServerEngine } from '../server/choice-run.js';
import type { LedgerTotals } from '../spec/budget.js';
import type { ReasonRequest, ReasonResult, ReasonStream } from '../spec/engine.js';
import type { TraceEvent } from '../spec/trace.js';

/** How the fake behaves. */
export interface FakeEngineOptions {
  /** Samples before the vote. Default 3. */
  samples?: number;
  /** Pause between events, in ms. Default 0. */
  delayMs?: number;
  /** Answer text. Default "42". */
  answer?: string;
  /** Throw this from streamReason itself (validation failures). */
  throwAtStart?: SlowthinkError;
  /** Fail after this many events with `failWith` (default a retryable MODEL_CALL_FAILED). */
  failAfterEvents?: number;
  failWith?: SlowthinkError;
  /** Keep every request in `requests` (default true); off for load tests, where it would be the leak. */
  recordRequests?: boolean;
}

/** The fake and what it saw: each request, and how many runs were aborted or finished. */
export interface FakeEngine extends ServerEngine {
  requests: ReasonRequest[];
  aborted: number;
  finished: number;
}

function totals(completionTokens: number, samples: number): LedgerTotals {
  const phase = { calls: samples, promptTokens: 10 * samples, completionTokens, costUsd: 0 };
  const empty = { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  return {
    calls: samples,
    samples,
    promptTokens: 10 * samples,
    completionTokens,
    cachedTokens: 0,
    costUsd: 0,
    seconds: 0,
    byPhase: { generate: phase, verify: empty, aggregate: empty },
  };
}

function script(samples: number, answer: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let index = 1; index <= samples; index++) {
    const id = `s${index}`;
    events.push({ type: 'thought-start', id, parentId: null, role: 'sample', label: `Sample ${index}/${samples}` });
    events.push(
      { type: 'thought-delta', id, delta: 'Let me add the numbers. ' },
      { type: 'thought-delta', id, delta: `So it is ${answer}.` },
    );
    events.push({ type: 'thought-end', id, text: `Let me add the numbers. So it is ${answer}.`, answer, tokens: 12 });
    events.push({ type: 'sample-end', id, answer, tokens: 12, finishReason: 'stop', confidence: 0.9 });
    events.push({ type: 'budget-update', used: totals(12 * index, index), remaining: {} });
  }
  events.push({ type: 'vote', tally: { [answer]: samples }, leader: answer, confidence: 0.97, samples });
  events.push({ type: 'score', id: 's1', verifier: 'arithmetic', value: 1 });
  events.push({ type: 'answer-start' }, { type: 'answer-delta', delta: 'The answer is ' }, { type: 'answer-delta', delta: answer });
  events.push({ type: 'answer-end', text: `The answer is ${answer}`, answer });
  return events;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A fake engine emitting samples, a vote, a verifier score and an answer, honouring the abort signal. */
export function createFakeEngine(options: FakeEngineOptions = {}): FakeEngine {
  const samples = options.samples ?? 3;
  const answer = options.answer ?? '42';
  const engine: FakeEngine = {
    requests: [],
    aborted: 0,
    finished: 0,
    streamReason(request: ReasonRequest): ReasonStream {
      if (options.recordRequests !== false) engine.requests.push(request);
      if (options.throwAtStart) throw options.throwAtStart;
      let resolveResult!: (result: ReasonResult) => void;
      let rejectResult!: (error: unknown) => void;
      const result = new Promise<ReasonResult>((resolve, reject) => {
        resolveResult = resolve;
        rejectResult = reject;
      });
      const events = script(samples, answer);
      async function* run(): AsyncGenerator<TraceEvent> {
        let sent = 0;
        for (const event of events) {
          if (options.delayMs) await sleep(options.delayMs, request.signal);
          if (request.signal?.aborted) {
            engine.aborted++;
            rejectResult(new SlowthinkError(ERROR_CODES.ABORTED, 'The request was cancelled.'));
            return;
          }
          if (options.failAfterEvents !== undefined && sent === options.failAfterEvents) {
            const error = options.failWith ?? new SlowthinkError(ERROR_CODES.MODEL_CALL_FAILED, 'backend said 503', { retryable: true });
            rejectResult(error);
            yield { type: 'error', code: error.code, message: error.message };
            return;
          }
          sent++;
          yield event;
        }
        const completionTokens = 12 * samples + 4;
        const used = totals(completionTokens, samples);
        yield { type: 'finish', finishReason: 'stop', stoppedBy: null, usage: used };
        engine.finished++;
        resolveResult({
          text: `The answer is ${answer}`,
          answer,
          reasoning: '',
          model: String(request.model),
          effort: request.effort ?? DEFAULT_EFFORT,
          strategy: request.strategy ?? 'adaptive-consistency',
          finishReason: 'stop',
          stoppedBy: null,
          usage: { promptTokens: 10, completionTokens, reasoningTokens: completionTokens - 4, cachedTokens: 0 },
          costUsd: 0,
          seconds: 0,
          samples,
          calls: samples,
          totals: used,
          ledger: [],
          trace: { thoughts: [], events: [] },
          warnings: [],
        });
      }
      const generator = run();
      return { [Symbol.asyncIterator]: () => generator, result };
    },
  };
  return engine;
}
