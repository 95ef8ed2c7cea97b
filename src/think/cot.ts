/** @module `cot`: one chain of thought, then the answer. */
import type { Strategy } from '../spec/index.js';
import { drawSamples } from './draw-samples.js';
import { THINK_STEP_BY_STEP, withInstruction } from './prompts.js';
import { optionalIntegerOption } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';

/** Thinks once (`thinking: true`; plain chat models get a step-by-step instruction). */
export const cot: Strategy = {
  specificationVersion: 'v1',
  name: 'cot',
  description: 'One chain of thought, then the answer.',
  usesVerifier: false,
  async run(problem, context) {
    const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
    const [candidate] = await drawSamples(problem, context, {
      n: 1,
      firstIndex: 0,
      label: 'Chain of thought',
      messages: withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP),
      thinking: true,
      ...(maxTokens === undefined ? {} : { maxTokens }),
    });
    return buildResult({
      winner: candidate,
      samples: candidate ? 1 : 0,
      stoppedBy: stopReason(context, candidate !== undefined && candidate.finishReason !== 'length'),
    });
  },
};
