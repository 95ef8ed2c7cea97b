/**
 * @module Starts the REAL server (createApp + @hono/node-server on 127.0.0.1, port 0) on the REAL engine for the
 * client-conformance suites, and counts the requests it receives so tests can assert client retries.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { streamReason } from '../../src/engine/index.js';
import { ERROR_CODES, SlowthinkError } from '../../src/errors/index.js';
import { createEmbeddedModel } from '../../src/models/embedded.js';
import { createOpenAICompatibleModel } from '../../src/models/openai-compatible.js';
import { closeModels, resolveModel } from '../../src/models/registry.js';
import { type CreateAppOptions, createApp, createModelCatalog } from '../../src/server/index.js';
import type { Model, ReasonRequest, ReasonResult, ReasonStream, TraceEvent } from '../../src/spec/index.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';

/** A checkpoint to test instead of the shipped weights (e.g. a training run's latest GGUF). */
const WEIGHTS = process.env.SLOWTHINK_CONFORMANCE_WEIGHTS;

/** True when the embedded model's weights ship in models/ (the suite then runs on them, as CI does). */
export const EMBEDDED_MODEL_READY = WEIGHTS !== undefined || existsSync(new URL('../../models/slowthink-mini.gguf', import.meta.url));

/** The model id the suites request. */
export const MODEL = 'slowthink-mini';

/** A question in the embedded model's domain (multi-step arithmetic). */
export const QUESTION = 'What is 23 + 19?';

/** A request the server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  retryCount: string | null;
  userAgent: string | null;
}

/** A running conformance server. */
export interface ConformanceServer {
  baseURL: string;
  /** Requests received, in order; `clear()` between tests. */
  seen: SeenRequest[];
  /** Engine runs and how each ended: a result, or the error code it failed with. */
  runs: Array<{ request: ReasonRequest; outcome?: ReasonResult; error?: string }>;
  chatRequests(): number;
  /** In a chain, the slowthink server that is this one's backend. */
  backend?: ConformanceServer;
  clear(): void;
  close(): Promise<void>;
}

/**
 * Without weights (before the model lands) a scripted stand-in model answers through the same real engine: control
 * flow only. It is announced on stderr so nobody mistakes it for the embedded model.
 */
function standInModel() {
  process.stderr.write('conformance: models/slowthink-mini.gguf is missing; using a scripted stand-in model (control flow only)\n');
  return createScriptedModel({
    id: 'scripted:stand-in',
    delayMs: 20,
    respond: (request) =>
      Array.from({ length: request.n ?? 1 }, () => ({
        reasoning: 'Add the tens: 20 + 10 = 30. Add the ones: 3 + 9 = 12. 30 + 12 = 42.',
        text: 'A: 42',
      })),
  });
}

let openServers = 0;

/**
 * The run's first `count` events, then a retryable backend failure (what a remote model going down mid-request looks
 * like): the only way to make the real engine fail after the stream began on demand.
 */
function failingAfter(stream: ReasonStream, count: number): ReasonStream {
  const failure = new SlowthinkError(ERROR_CODES.MODEL_CALL_FAILED, 'Injected backend failure (conformance test)', { retryable: true });
  const result = stream.result.then(
    () => Promise.reject(failure),
    () => Promise.reject(failure),
  );
  result.catch(() => undefined);
  async function* events(): AsyncGenerator<TraceEvent> {
    let seen = 0;
    for await (const event of stream) {
      if (seen++ === count) {
        yield { type: 'error', code: failure.code, message: failure.message };
        return; // leaving the loop aborts the engine run
      }
      yield event;
    }
  }
  return { [Symbol.asyncIterator]: () => events(), result };
}

/** Run every suite through a chain: clients → slowthink → (openai-compatible provider) → slowthink → embedded model. */
const CHAIN = process.env.SLOWTHINK_CONFORMANCE_CHAIN === '1';

/**
 * Starts the real server on the real engine; `options` tune it (e.g. `maxConcurrency: 0` to force 429s). With
 * `chain`, its engine's model is the `openai-compatible` provider pointed at a second real server (slowthink as its
 * own backend); the second server answers at `backendEffort` (default `minimal`).
 */
export async function startConformanceServer(
  options: Partial<CreateAppOptions> & { failAfterEvents?: number; chain?: boolean; backendEffort?: string; model?: Model } = {},
): Promise<ConformanceServer> {
  const { failAfterEvents, chain = CHAIN, backendEffort = 'minimal', model, ...appOptions } = options;
  if (chain) return startChain(appOptions, failAfterEvents, backendEffort);
  const stand =
    model ?? (WEIGHTS ? await createEmbeddedModel({ tier: 'mini', path: WEIGHTS }) : EMBEDDED_MODEL_READY ? undefined : standInModel());
  const runs: ConformanceServer['runs'] = [];
  const app = createApp({
    engine: {
      streamReason(request) {
        const entry: ConformanceServer['runs'][number] = { request };
        runs.push(entry);
        const real = streamReason(stand ? { ...request, model: stand } : request);
        const stream = failAfterEvents === undefined ? real : failingAfter(real, failAfterEvents);
        stream.result.then(
          (outcome) => {
            entry.outcome = outcome;
          },
          (error: { code?: string }) => {
            entry.error = error.code ?? 'unknown';
          },
        );
        return stream;
      },
    },
    catalog: stand ? createModelCatalog() : createModelCatalog({ resolve: (name) => resolveModel(name) }),
    logSink: () => {},
    retryAfterSeconds: 1,
    ...appOptions,
  });
  const seen: SeenRequest[] = [];
  const server = serve({
    fetch: (request: Request) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        retryCount: request.headers.get('x-stainless-retry-count'),
        userAgent: request.headers.get('user-agent'),
      });
      return app.fetch(request);
    },
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  openServers++;
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    seen,
    runs,
    chatRequests: () => seen.filter((request) => request.path === '/v1/chat/completions').length,
    clear: () => {
      seen.length = 0;
      runs.length = 0;
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await stand?.close?.();
      // The registry caches one model per name for the whole process: close it with the last server.
      if (--openServers === 0) await closeModels();
    },
  };
}

/** The chain: an inner server on the embedded model, an outer one whose model is the provider pointed at the inner. */
async function startChain(
  appOptions: Partial<CreateAppOptions>,
  failAfterEvents: number | undefined,
  backendEffort: string,
): Promise<ConformanceServer> {
  const inner = await startConformanceServer({ chain: false });
  const backend = createOpenAICompatibleModel({
    model: `${MODEL}:${backendEffort}`,
    baseURL: inner.baseURL,
    provider: 'openai-compatible',
  });
  const outer = await startConformanceServer({
    chain: false,
    ...(failAfterEvents === undefined ? {} : { failAfterEvents }),
    model: backend,
    ...appOptions,
  });
  return {
    ...outer,
    backend: inner,
    close: async () => {
      await outer.close();
      await inner.close();
    },
  };
}

/** Polls until `condition` holds (server-side effects of a client that has already returned). */
export async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
