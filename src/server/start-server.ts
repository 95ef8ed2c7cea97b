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
}

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
      : createModelCatalog({ resolve: (name) => resolveModel(name), allowLocalFiles: options.allowLocalFiles ?? false }));
  const app = createApp({ ...options, engine, ...(catalog ? { catalog } : {}) });
  const host = options.host ?? '127.0.0.1';
  return await new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info: AddressInfo) => {
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
