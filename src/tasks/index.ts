/** @module Public surface of the tasks module: the registry, the text format, step checking and rewards. */
export { arithmeticTask } from './arithmetic.js';
export { countdownAnswerKey, countdownTask } from './countdown.js';
export * from './format.js';
export { detectTask, getTask, listTasks, scopeOf } from './registry.js';
export { type CompletionReward, rewardCompletion } from './reward.js';
export { checkStep, parseStep } from './step-check.js';
export { buildTrainingData, type TrainingExample } from './training-data.js';
