/** @module The OpenAI-compatible reasoning API: createApp on an injected engine, startServer on a socket. */
export { ApiError, toApiError } from './api-error.js';
export { parseApiKeys } from './api-key-check.js';
export type { ServerEngine } from './choice-run.js';
export { type CreateAppOptions, createApp } from './create-app.js';
export { createModelCatalog, type ModelCatalog, SHIPPED_MODELS } from './model-catalog.js';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.js';
