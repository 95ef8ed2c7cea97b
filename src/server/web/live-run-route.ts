/** @module POST /v1/slowthink/runs: one engine run streamed as its raw trace events (SSE), for the playground's live tree. */
import type { Context } from 'hono';
import { z } from 'zod';
import { type ErrorCode, SlowthinkError } from '../../errors/index.js';
import type { ReasonResult } from '../../spec/engine.js';
import type { TraceEvent } from '../../spec/trace.js';
import { admit, readBody } from '../admission.js';
import { invalidRequest, toApiError } from '../api-error.js';
import { bounded } from '../bounded-text.js';
import type { ChatCompletionsDependencies } from '../chat-completions-route.js';
import { slowthinkExtensionSchema } from '../request-schema.js';
import { resultJson } from '../result-json.js';
import { sseResponse } from '../sse-response.js';
import { toReasonRequest } from '../to-reason-request.js';

/** The playground's request: a question and the knobs of `ask`. */
const liveRunSchema = z.object({
  model: z.string().min(1).max(512),
  question: z.string().max(100_000),
  effort: z.string().max(32).optional(),
  temperature: z.number().min(0).max(2).optional(),
  seed: z.number().int().min(0).optional(),
  slowthink: slowthinkExtensionSchema.optional(),
});

type First = { kind: 'next'; value: IteratorResult<TraceEvent> } | { kind: 'error'; error: unknown } | { kind: 'pending' };

/** The handler; it shares the chat route's limiter, catalog, planner and log. */
export function createLiveRunHandler(dependencies: ChatCompletionsDependencies) {
  return async (c: Context): Promise<Response> => {
    const parsed = liveRunSchema.safeParse(await readBody(c));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue?.path.join('.') || null;
      throw invalidRequest(`Invalid '${param ?? 'body'}': ${bounded(issue?.message ?? 'bad value', 200)}.`, param);
    }
    const body = parsed.data;
    if (body.question.trim() === '') throw invalidRequest("'question' is empty: ask something.", 'question', 'empty_input');
    const plan = toReasonRequest({
      model: body.model,
      messages: [{ role: 'user', content: body.question }],
      reasoning_effort: body.effort,
      temperature: body.temperature,
      seed: body.seed,
      slowthink: body.slowthink,
    });
    dependencies.log.annotate(c, { model: bounded(body.model), effort: plan.effort, stream: true });
    await dependencies.catalog.check(plan.modelName);
    const release = await admit(c, dependencies.limiter, dependencies.log, 1, dependencies.retryAfterSeconds);
    const controller = new AbortController();
    const abort = () => controller.abort();
    const signal = c.req.raw.signal;
    signal.addEventListener('abort', abort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', abort);
      release();
    };
    let iterator: AsyncIterator<TraceEvent>;
    let result: Promise<ReasonResult>;
    let pending: Promise<IteratorResult<TraceEvent>>;
    try {
      const stream = dependencies.engine.streamReason({ ...plan.reason, signal: controller.signal });
      result = stream.result;
      result.catch(() => {}); // read below; never an unhandled rejection
      iterator = stream[Symbol.asyncIterator]();
      pending = iterator.next();
      // An error within the grace (a bad strategy, say) still gets its proper HTTP status instead of a stream.
      let timer: NodeJS.Timeout | undefined;
      const first = await Promise.race<First>([
        pending.then(
          (value) => ({ kind: 'next', value }),
          (error: unknown) => ({ kind: 'error', error }),
        ),
        new Promise<First>((resolve) => {
          timer = setTimeout(() => resolve({ kind: 'pending' }), dependencies.startGraceMs);
        }),
      ]);
      clearTimeout(timer);
      if (first.kind === 'error') throw first.error;
      if (first.kind === 'next' && !first.value.done && first.value.value.type === 'error') {
        const event = first.value.value;
        // The rejected result carries the full SlowthinkError (param, report); the event only its code and message.
        throw await result.then(
          () => new SlowthinkError(event.code as ErrorCode, event.message),
          (error: unknown) => error,
        );
      }
    } catch (error) {
      abort();
      done();
      throw toApiError(error, dependencies.retryAfterSeconds);
    }
    dependencies.log.defer(c);
    // The client went away (the Stop button, a closed tab): the engine stops, its partial work is charged and stored.
    return sseResponse(c, {
      keepAliveMs: dependencies.keepAliveMs,
      onCancel: abort,
      write: async ({ data }) => {
        let error: unknown;
        try {
          for (let next = await pending; !next.done; next = await iterator.next()) data(next.value);
          data({ type: 'result', result: resultJson(await result) });
        } catch (caught) {
          error = caught;
          abort();
          data({ type: 'failed', error: toApiError(caught, dependencies.retryAfterSeconds).toBody() });
        } finally {
          done();
          dependencies.log.annotate(c, { stream_error: error === undefined ? undefined : toApiError(error).code });
          dependencies.log.flush(c);
        }
      },
    });
  };
}
