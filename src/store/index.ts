/** @module The run store's public surface. */
export * from './records.js';
export { jobKey, RunStore, resolveStorePath } from './run-store.js';
export { saveTrace, TRACE_PROBLEM_ID, type TraceRunOptions, type TraceSource, type TraceToSave } from './save-trace.js';
