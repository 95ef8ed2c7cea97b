/** @module `cot`: one chain of thought, then the answer. */
import type { Strategy } from '../spec/index.js';
import { THINK_STEP_BY_STEP } from './prompts.js';
import { runSingleSample } from './single-sample.js';

/** Thinks once (`thinking: true`; plain chat models get a step-by-step instruction). */
export const cot: Strategy = {
  specificationVersion: 'v1',
  name: 'cot',
  description: 'One chain of thought, then the answer.',
  usesVerifier: false,
  run: (problem, context) =>
    runSingleSample(problem, context, { label: 'Chain of thought', instruction: THINK_STEP_BY_STEP, thinking: true }),
};
