/** @module `direct`: one sample, no thinking; the baseline every other strategy must beat. */
import type { Strategy } from '../spec/index.js';
import { ANSWER_DIRECTLY } from './prompts.js';
import { runSingleSample } from './single-sample.js';

/** Answers at once with `thinking: false`. */
export const direct: Strategy = {
  specificationVersion: 'v1',
  name: 'direct',
  description: 'One sample without thinking.',
  usesVerifier: false,
  run: (problem, context) => runSingleSample(problem, context, { label: 'Answer', instruction: ANSWER_DIRECTLY, thinking: false }),
};
