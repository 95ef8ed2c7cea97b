/** @module One sample as the whole answer: the shared body of `direct` (no thinking) and `cot` (one chain of thought). */
import type { Problem, StrategyContext, StrategyResult } from '../spec/index.js';
import { drawSamples } from './draw-samples.js';
import { withInstruction } from './prompts.js';
import { optionalIntegerOption } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';

/** Draws one sample (its thought named `label`; plain chat models get `instruction`) and returns it as the result. */
export async function runSingleSample(
  problem: Problem,
  context: StrategyContext,
  settings: { label: string; instruction: string; thinking: boolean },
): Promise<StrategyResult> {
  const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
  const [candidate] = await drawSamples(problem, context, {
    n: 1,
    firstIndex: 0,
    label: settings.label,
    messages: withInstruction(problem.messages, context.model, settings.instruction),
    thinking: settings.thinking,
    ...(maxTokens === undefined ? {} : { maxTokens }),
  });
  return buildResult({
    winner: candidate,
    samples: candidate ? 1 : 0,
    stoppedBy: stopReason(context, candidate !== undefined && candidate.finishReason !== 'length'),
  });
}
