/** @module The OpenAI-compatible HTTP app on an injected engine: middleware (request id, log, auth, body limit), routes, errors. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SlowthinkError } from '../errors/index.js';
import type { RunStore } from '../store/index.js';
import { ApiError, toApiError, withHint } from './api-error.js';
import { createApiKeyCheck } from './api-key-check.js';
import { bounded } from './bounded-text.js';
import { createChatCompletionsHandler } from './chat-completions-route.js';
import type { ServerEngine } from './choice-run.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { describePlan } from './describe-plan.js';
import { createModelCatalog, type ModelCatalog } from './model-catalog.js';
import { createModelsRoutes } from './models-route.js';
import { type LogSink, RequestLog, stderrLogSink } from './request-log.js';
import { DEFAULT_STORE_LIMITS, ResponseStore } from './response-store.js';
import { createResponsesHandler } from './responses-route.js';
import type { PlannedRequest } from './to-reason-request.js';
import { createRecordingEngine, findWebRoot, mountWebRoutes } from './web/index.js';

/** Everything createApp needs; only the engine is required. */
export interface CreateAppOptions {
  engine: ServerEngine;
  /** Listed and accepted models; default: the shipped models, anything else rejected with 404. */
  catalog?: ModelCatalog;
  /** Bearer keys; empty or absent means no authentication. */
  apiKeys?: readonly string[];
  /** Engine runs at once (a request with `n` choices takes `n`); more wait in line. Default 64. */
  maxConcurrency?: number;
  /** Requests that may wait for a free slot; one more gets 429 at once. Default 64. */
  maxQueued?: number;
  /** Longest wait in line, in ms; then 429. Default 30 s. */
  queueTimeoutMs?: number;
  /** Largest request body in bytes; larger gets 413. Default 4 MiB. */
  bodyLimitBytes?: number;
  /** Longest silence on a stream before a `: keep-alive` comment. Default 10 s. */
  keepAliveMs?: number;
  /** A choice's deltas arriving within this many ms go out as one chunk (0: one chunk per event). Default 20. */
  coalesceMs?: number;
  /** `retry-after` on 429/502/503, in seconds (≤ 60). Default 1. */
  retryAfterSeconds?: number;
  /** How long to wait for the engine's first event before committing a stream's headers. Default 50 ms. */
  startGraceMs?: number;
  /** Wall-clock cap of a non-streaming request; the best answer so far is returned. Default 240 s. */
  nonStreamingMaxSeconds?: number;
  /** The first reasoning line of each choice; default: the effort plan from the engine's effort table. */
  describePlan?: (plan: PlannedRequest) => string | undefined;
  /** Include request messages in the log lines. Default false. */
  logPrompts?: boolean;
  /** Where log lines go; default stderr. */
  logSink?: LogSink;
  /** Responses kept for `previous_response_id` (LRU). Default 1,000. */
  responseStoreMaxEntries?: number;
  /** Bytes of conversation text kept for `previous_response_id` (LRU). Default 32 MiB. */
  responseStoreMaxBytes?: number;
  /** The run store the web app's run browser reads; each request's trace is kept there unless `recordTraces` is false. */
  runStore?: RunStore;
  /** Keep every request's trace in `runStore` (`serve --no-traces` turns it off). Default true. */
  recordTraces?: boolean;
  /** The built web app served at `/`; default: web/dist of this package when built; null serves no app. */
  webRoot?: string | null;
}

type Variables = { requestId: string };

function errorResponse(error: ApiError, headers: Headers): Response {
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify({ error: error.toBody() }), { status: error.status, headers });
}

/** The Hono app; serve it with @hono/node-server (startServer does) or call `app.request()` in tests. */
export function createApp(options: CreateAppOptions): Hono<{ Variables: Variables }> {
  const app = new Hono<{ Variables: Variables }>();
  const catalog = options.catalog ?? createModelCatalog();
  const limiter = new ConcurrencyLimiter(options.maxConcurrency ?? 64, {
    maxQueued: options.maxQueued ?? 64,
    maxWaitMs: options.queueTimeoutMs ?? 30_000,
  });
  const log = new RequestLog(options.logSink ?? stderrLogSink);
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const apiKeys = options.apiKeys ?? [];
  const keyMatches = createApiKeyCheck(apiKeys);
  const started = Math.floor(Date.now() / 1000);

  app.use(async (c, next) => {
    const requestId = `req_${crypto.randomUUID().replaceAll('-', '')}`;
    c.set('requestId', requestId);
    c.header('x-request-id', requestId);
    await next();
    c.res.headers.set('x-request-id', requestId);
  });
  app.use(log.middleware());
  app.get('/health', (c) =>
    c.json({
      status: 'ok',
      active_runs: limiter.active,
      queued_requests: limiter.queued,
      max_concurrency: limiter.max,
      max_queued: limiter.maxQueued,
      models: catalog.list(),
      auth: apiKeys.length > 0,
    }),
  );
  app.use('/v1/*', async (c, next) => {
    if (apiKeys.length > 0 && !keyMatches(c.req.header('authorization'))) {
      throw new ApiError(401, 'Incorrect API key provided. Send it as `Authorization: Bearer <key>`; keys are set in SLOWTHINK_API_KEYS.', {
        code: 'invalid_api_key',
      });
    }
    await next();
  });
  const maxSize = options.bodyLimitBytes ?? 4 * 1024 * 1024;
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, `The request body is larger than the server's limit of ${maxSize} bytes.`, { code: 'request_too_large' });
      },
    }),
  );
  app.route('/v1/models', createModelsRoutes(catalog, started));
  const runStore = options.runStore;
  // The web app's run browser replays these; a store that refuses a write costs a log line, never the request.
  const engine =
    runStore && options.recordTraces !== false
      ? createRecordingEngine(options.engine, runStore, (error) =>
          (options.logSink ?? stderrLogSink)({ level: 'warn', message: `run store: trace not kept: ${(error as Error).message}` }),
        )
      : options.engine;
  const routeDependencies = {
    engine,
    catalog,
    limiter,
    keepAliveMs: options.keepAliveMs ?? 10_000,
    coalesceMs: options.coalesceMs ?? 20,
    retryAfterSeconds,
    startGraceMs: options.startGraceMs ?? 50,
    nonStreamingMaxSeconds: options.nonStreamingMaxSeconds ?? 240,
    describePlan: options.describePlan ?? describePlan,
    log,
    logPrompts: options.logPrompts ?? false,
  };
  app.post('/v1/chat/completions', createChatCompletionsHandler(routeDependencies));
  const store = new ResponseStore(
    options.responseStoreMaxEntries ?? DEFAULT_STORE_LIMITS.maxEntries,
    options.responseStoreMaxBytes ?? DEFAULT_STORE_LIMITS.maxBytes,
  );
  app.post('/v1/responses', createResponsesHandler({ ...routeDependencies, store }));
  mountWebRoutes(app, {
    dependencies: routeDependencies,
    store: runStore,
    webRoot: options.webRoot === null ? undefined : (options.webRoot ?? findWebRoot()),
    authRequired: apiKeys.length > 0,
    keyMatches,
  });
  app.notFound((c) =>
    errorResponse(
      new ApiError(404, `Unknown request URL: ${bounded(c.req.method, 16)} ${bounded(c.req.path)}.`, { code: 'unknown_url' }),
      new Headers(c.res.headers),
    ),
  );
  app.onError((error, c) => {
    const apiError = toApiError(error, retryAfterSeconds);
    // The operator's log keeps what the client is not shown (a backend's hint, a config failure), bounded.
    const detail = SlowthinkError.isInstance(error) ? bounded(withHint(error), 500) : undefined;
    log.annotate(c, { error: apiError.code ?? apiError.type, error_detail: apiError.status >= 500 ? detail : undefined });
    return errorResponse(apiError, new Headers({ 'x-request-id': c.get('requestId') ?? '' }));
  });
  return app;
}
