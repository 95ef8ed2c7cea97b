/** @module The JSON shapes of Chat Completions: the whole response, and the stream's chunks (same id and created on each). */
import type { FinishReason } from '../spec/trace.js';
import type { ChoiceOutcome } from './choice-run.js';
import type { NarrativePart } from './trace-narrator.js';
import { type CompletionUsage, toCompletionUsage } from './usage.js';

/** OpenAI's finish reasons: an engine stopped by a budget is `length`. */
export function toFinishReason(finishReason: FinishReason, stoppedBy: string | null): 'stop' | 'length' {
  return finishReason === 'length' || (stoppedBy !== null && stoppedBy !== 'abort') ? 'length' : 'stop';
}

/** Identity shared by every chunk of one completion. */
export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

/** A fresh completion id and timestamp. */
export function newIdentity(model: string): CompletionIdentity {
  return { id: `chatcmpl-${crypto.randomUUID().replaceAll('-', '')}`, created: Math.floor(Date.now() / 1000), model };
}

/** The non-streaming response; reasoning fields are omitted when empty or excluded (empty strings confuse LangChain). */
export function toChatCompletion(identity: CompletionIdentity, outcomes: readonly ChoiceOutcome[], excludeReasoning: boolean) {
  return {
    id: identity.id,
    object: 'chat.completion' as const,
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices: outcomes.map((outcome, index) => {
      const reasoning = excludeReasoning ? '' : outcome.reasoning;
      return {
        index,
        message: {
          role: 'assistant' as const,
          content: outcome.result.text,
          refusal: null,
          ...(reasoning === '' ? {} : { reasoning_content: reasoning, reasoning }),
        },
        logprobs: null,
        finish_reason: toFinishReason(outcome.result.finishReason, outcome.result.stoppedBy),
      };
    }),
    usage: toCompletionUsage(outcomes.map((outcome) => outcome.result)),
  };
}

type Delta = Record<string, string | null>;

function chunk(identity: CompletionIdentity, choices: unknown[], usage: CompletionUsage | null = null) {
  return {
    id: identity.id,
    object: 'chat.completion.chunk' as const,
    created: identity.created,
    model: identity.model,
    system_fingerprint: null,
    choices,
    usage,
  };
}

function choiceChunk(identity: CompletionIdentity, index: number, delta: Delta, finishReason: string | null = null) {
  return chunk(identity, [{ index, delta, logprobs: null, finish_reason: finishReason }]);
}

/** The first chunk of a choice: the role, and empty content. */
export function roleChunk(identity: CompletionIdentity, index: number) {
  return choiceChunk(identity, index, { role: 'assistant', content: '' });
}

/** One narrative part as a delta: reasoning goes to both `reasoning_content` and `reasoning`, never with content. */
export function partChunk(identity: CompletionIdentity, index: number, part: NarrativePart) {
  const delta: Delta = part.channel === 'reasoning' ? { reasoning_content: part.text, reasoning: part.text } : { content: part.text };
  return choiceChunk(identity, index, delta);
}

/** The chunk that closes a choice. */
export function finishChunk(identity: CompletionIdentity, index: number, finishReason: 'stop' | 'length') {
  return choiceChunk(identity, index, {}, finishReason);
}

/** The `include_usage` chunk: no choices, the whole usage. */
export function usageChunk(identity: CompletionIdentity, outcomes: readonly ChoiceOutcome[]) {
  return chunk(identity, [], toCompletionUsage(outcomes.map((outcome) => outcome.result)));
}
