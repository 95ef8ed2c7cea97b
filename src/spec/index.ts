/** @module slowthink's vocabulary as types: everything else depends on this, and it imports nothing outside. */
export * from './answer-line.js';
export * from './budget.js';
export * from './engine.js';
export * from './model.js';
export * from './strategy.js';
export * from './task.js';
export * from './trace.js';
export * from './verifier.js';
