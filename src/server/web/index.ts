/** @module The web app's server side: static files at `/`, the live-run stream, read-only store routes, trace recording. */
import type { Env, Hono } from 'hono';
import type { RunStore } from '../../store/index.js';
import { ApiError } from '../api-error.js';
import type { ChatCompletionsDependencies } from '../chat-completions-route.js';
import { createLiveRunHandler } from './live-run-route.js';
import { mountStaticFiles } from './static-files.js';
import { createStoreRoutes } from './store-routes.js';

export { createRecordingEngine } from './recording-engine.js';
export { findWebRoot, KEY_COOKIE } from './static-files.js';

/** What the web routes need from createApp. */
export interface WebRoutesOptions {
  dependencies: ChatCompletionsDependencies;
  store: RunStore | undefined;
  /** The built app's folder; undefined serves a page that says how to build it. */
  webRoot: string | undefined;
  authRequired: boolean;
  keyMatches: (authorization: string | undefined) => boolean;
}

/** Mounts the web routes on the app (after its `/v1/*` auth and body-limit middleware). */
export function mountWebRoutes<E extends Env>(app: Hono<E>, options: WebRoutesOptions): void {
  app.post('/v1/slowthink/runs', createLiveRunHandler(options.dependencies));
  if (options.store) {
    app.route('/v1/slowthink/runs', createStoreRoutes(options.store));
  } else {
    app.get('/v1/slowthink/runs/*', () => {
      throw new ApiError(404, 'This server keeps no run store, so it has no stored runs to show.', { code: 'store_not_configured' });
    });
    app.get('/v1/slowthink/runs', (c) => c.json({ object: 'list', data: [], store: false }));
  }
  mountStaticFiles(app, { root: options.webRoot, authRequired: options.authRequired, keyMatches: options.keyMatches });
}
