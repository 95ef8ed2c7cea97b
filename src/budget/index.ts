/** @module Budgets: the ledger, stop predicates, the per-request tracker and the effort table. */
export * from './budget-tracker.js';
export * from './effort.js';
export * from './ledger.js';
export * from './limits.js';
