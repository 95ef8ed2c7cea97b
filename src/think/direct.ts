/** @module `direct`: one sample, no thinking; the baseline every other strategy must beat. */
import type { Strategy } from '../spec/index.js';
import { drawSamples } from './draw-samples.js';
import { ANSWER_DIRECTLY, withInstruction } from './prompts.js';
import { optionalIntegerOption } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';

/** Answers at once with `thinking: false`. */
export const direct: Strategy = {
  specificationVersion: 'v1',
  name: 'direct',
  description: 'One sample without thinking.',
  usesVerifier: false,
  async run(problem, context) {
    const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
    const [candidate] = await drawSamples(problem, context, {
      n: 1,
      firstIndex: 0,
      label: 'Answer',
      messages: withInstruction(problem.messages, context.model, ANSWER_DIRECTLY),
      thinking: false,
      ...(maxTokens === undefined ? {} : { maxTokens }),
    });
    return buildResult({
      winner: candidate,
      samples: candidate ? 1 : 0,
      stoppedBy: stopReason(context, candidate !== undefined && candidate.finishReason !== 'length'),
    });
  },
};
