/** @module Serves the app on a socket with @hono/node-server; binds 127.0.0.1 unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type CreateAppOptions, createApp } from './create-app.js';

/** Where and how to serve; the engine is required here (the CLI passes the real one). */
export interface StartServerOptions extends CreateAppOptions {
  /** Default 127.0.0.1: never exposed by accident. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
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
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createApp(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
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
    server.once('error', reject);
  });
}
