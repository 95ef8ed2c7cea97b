/** @module The few prompt texts strategies add for models that do not think natively. */
import type { Message, Model } from '../spec/index.js';

/** System instruction that asks a plain chat model to reason first and end with a parsable answer line. */
export const THINK_STEP_BY_STEP =
  'Think step by step. Check each step. Then give the final answer alone on the last line, as `Answer: <answer>`.';

/** System instruction for a direct answer without reasoning. */
export const ANSWER_DIRECTLY = 'Reply with the final answer only, on one line, as `Answer: <answer>`. Do not explain.';

/** The user turn that asks a model without continuation support to keep thinking (budget forcing by a second turn). */
export const RECHECK_REQUEST =
  'Wait. Re-check your reasoning step by step, fix any mistake, and give the final answer again on the last line as `Answer: <answer>`.';

/** Adds `instruction` as the first system message unless the model reasons natively (it was trained to its own format). */
export function withInstruction(messages: Message[], model: Model, instruction: string): Message[] {
  if (model.capabilities.nativeReasoning) return messages;
  return [{ role: 'system', content: instruction }, ...messages];
}
