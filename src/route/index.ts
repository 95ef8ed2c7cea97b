/** @module The learned `auto` (issue #14 P3): features, plans, fitting and evaluating a router table, its file, and the `router` strategy. */

export { applyCells, chooseTokensPerAnswer, crossValidate, crossValidateChosen, type RoutedOutcome, referenceLabel } from './evaluate.js';
export { type Agreement, ANY, agreementOf, type RouteFeatures, routeFeatures, sizeOf } from './features.js';
export {
  candidatePlans,
  type FitOptions,
  fitCells,
  plansFor,
  type ReplayedProblem,
  type RoutingProblem,
  replayAll,
  routedLabel,
} from './fit.js';
export { defaultRouterPath, routerFor } from './locate.js';
export { ADAPTIVE_THRESHOLD, parsePlan, planLabel, type ReplayOutcome, type ReplaySample, type RoutePlan, replayPlan } from './plans.js';
export { cellFor, coversTask, parseRouter, ROUTER_FORMAT, type Router, type RouterCell, readRouter, writeRouter } from './router-file.js';
export { routerStrategy } from './router-strategy.js';
export { routingProblems, samplingConfig } from './stored-problems.js';
