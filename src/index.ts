/** @module slowthink's library entry: the engine, models, strategies, budgets, errors and all spec types. */

export { chooseAutoEffort, DEFAULT_EFFORT, EFFORT_PLANS, type EffortPlan, planFor } from './budget/index.js';
export { reason, safeReason, streamReason } from './engine/index.js';
export { ERROR_CODES, type ErrorCode, SlowthinkError } from './errors/index.js';
export { createOpenAICompatibleModel, type OpenAICompatibleModelOptions } from './models/openai-compatible.js';
export { DEFAULT_PRICES, priceOf, setPriceOverrides } from './models/prices.js';
export { closeModels, DEFAULT_MODEL, MODEL_NAME_FORMS, resolveModel } from './models/registry.js';
export * from './spec/index.js';
export { getStrategy, listStrategies, registerStrategy, strategies } from './think/index.js';
