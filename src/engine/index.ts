/** @module The engine: reason / streamReason / safeReason, and the pieces they compose. */

export { planRequest, type RequestPlan } from './plan-request.js';
export { reason, safeReason, streamReason, toSlowthinkError } from './reason.js';
export { type ResolvedRequest, resolveRequest } from './resolve-request.js';
export { createStrategyContext, type EngineRun, type StrategyContextOptions } from './strategy-context.js';
export { createTraceRecorder, type TraceRecorder } from './trace-recorder.js';
export { computeUsage, estimateTokens } from './usage.js';
