/** @module The run store's public surface. */
export * from './records.js';
export { jobKey, RunStore, resolveStorePath } from './run-store.js';
