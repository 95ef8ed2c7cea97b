/**
 * @module `think-longer`: budget forcing (s1, Muennighoff et al. 2025). When the model ends its thinking, append the
 * model's continue-thinking cue ("Wait") and let it continue via `prefix`; without continuation support, ask a second
 * turn to re-check.
 */
import type { Message, Strategy } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { drawSamples } from './draw-samples.js';
import { RECHECK_REQUEST, THINK_STEP_BY_STEP, withInstruction } from './prompts.js';
import { integerOption, optionalIntegerOption } from './strategy-options.js';
import { buildResult, stopReason } from './strategy-result.js';

/** The thinking so far with the cue on its own line; the model goes on from the next line. */
function forced(thinking: string, cue: string): string {
  const before = thinking.trimEnd();
  return before ? `${before}\n${cue}\n` : `${cue}\n`;
}

/** Thinks once, then `rounds` (default 2) more times, each continuing the previous thinking. */
export const thinkLonger: Strategy = {
  specificationVersion: 'v1',
  name: 'think-longer',
  description: 'Budget forcing: when the model stops thinking, append "Wait" and make it continue.',
  usesVerifier: false,
  async run(problem, context) {
    const rounds = integerOption(context.options, 'rounds', 2, 0);
    const maxTokens = optionalIntegerOption(context.options, 'maxTokens');
    const cue = context.model.capabilities.continueThinkingCue ?? 'Wait';
    const continuation = context.model.capabilities.continuation;
    const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
    const common = { n: 1, thinking: true, ...(maxTokens === undefined ? {} : { maxTokens }) };
    const [first] = await drawSamples(problem, context, { ...common, firstIndex: 0, label: 'Thinking', messages });
    if (!first) return buildResult({ winner: undefined, samples: 0, stoppedBy: context.stopped() });
    let latest: Candidate = first;
    let best: Candidate = first;
    let thinking = first.reasoning;
    let conversation: Message[] = messages;
    let drawn = 1;
    for (let round = 1; round <= rounds; round += 1) {
      if (context.stopped()) break;
      const label = `Continue thinking ${round}/${rounds}`;
      if (!continuation) {
        const said = latest.reasoning ? `${latest.reasoning}\n${latest.text}` : latest.text;
        conversation = [...conversation, { role: 'assistant', content: said }, { role: 'user', content: RECHECK_REQUEST }];
      }
      const [next] = await drawSamples(problem, context, {
        ...common,
        firstIndex: drawn,
        label,
        parentId: first.thoughtId,
        messages: conversation,
        ...(continuation ? { prefix: forced(thinking, cue) } : {}),
      });
      if (!next) break;
      drawn += 1;
      thinking = `${forced(thinking, cue)}${next.reasoning}`;
      latest = next;
      if (next.answer !== undefined || best.answer === undefined) best = next;
    }
    const winner: Candidate = { ...best, reasoning: thinking.trim() };
    return buildResult({
      winner,
      samples: drawn,
      stoppedBy: stopReason(context, drawn === rounds + 1 && latest.finishReason !== 'length'),
      details: { rounds: drawn - 1, continuation, cue, answers: [first, latest].map((candidate) => candidate.answer ?? null) },
    });
  },
};
