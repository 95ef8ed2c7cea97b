/** @module Serves the app on a socket with @hono/node-server; binds 127.0.0.1 unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { streamReason } from '../engine/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { resolveModel } from '../models/registry.js';
import { type CreateAppOptions, createApp } from './create-app.js';
import { createModelCatalog } from './model-catalog.js';

/** Where and how to serve; without an engine, the real one with the model registry. */
export interface StartServerOptions extends Partial<CreateAppOptions> {
  /** Default 127.0.0.1: never exposed by accident. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Let clients name `gguf:/path` models (files on this machine). Default false. */
  allowLocalFiles?: boolean;
  /** Models beyond the shipped ones (`serve --models`): exact ids, or `provider:*`. Providers set up in the environment count too. */
  allowedModels?: readonly string[];
  /** A client must send its request headers within this many ms, else 408 and the socket closes. Default 10 s. */
  headersTimeoutMs?: number;
  /** A client must send its whole request (headers and body) within this many ms, else 408. Default 30 s. */
  requestTimeoutMs?: number;
  /** Open connections at most; more are closed at once. Default 1,024. */
  maxConnections?: number;
}

/** Defaults of the socket limits, for `serve --help` and the docs. */
export const SOCKET_DEFAULTS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 1024 } as const;

/** A running server. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:8080`; clients use `${url}/v1` as their base URL. */
  url: string;
  port: number;
  /** Stops accepting connections and ends open ones. */
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is bound. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const engine = options.engine ?? { streamReason };
  const catalog =
    options.catalog ??
    (options.engine
      ? undefined
      : createModelCatalog({
          resolve: (name) => resolveModel(name),
          allowLocalFiles: options.allowLocalFiles ?? false,
          allowed: options.allowedModels ?? [],
          environment: process.env,
        }));
  const app = createApp({ ...options, engine, ...(catalog ? { catalog } : {}) });
  const host = options.host ?? '127.0.0.1';
  const headersTimeout = options.headersTimeoutMs ?? SOCKET_DEFAULTS.headersTimeoutMs;
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? SOCKET_DEFAULTS.requestTimeoutMs);
  // Node checks these timeouts only every connectionsCheckingInterval (30 s by default): check often enough to honour them.
  const serverOptions = {
    headersTimeout,
    requestTimeout,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
  return await new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080, serverOptions }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    // Past the cap Node closes new sockets at once: cheaper than letting a flood of idle connections exhaust file descriptors.
    server.maxConnections = options.maxConnections ?? SOCKET_DEFAULTS.maxConnections;
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') return reject(error);
      const where = `${host}:${options.port ?? 8080}`;
      reject(
        new SlowthinkError(
          ERROR_CODES.CONFIG,
          `Cannot listen on ${where}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`,
          {
            hint: 'Pick another --port (0 picks a free one) or stop what is listening there.',
            cause: error,
          },
        ),
      );
    });
  });
}
