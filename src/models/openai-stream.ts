/** @module Reads an OpenAI-compatible chat stream into per-choice text, thinking, logprobs and counted tokens. */
import type { TokenUsage } from '../spec/index.js';

export type WireUsage = {
  prompt_tokens?: number;
  completion_tokens?: number;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
  prompt_tokens_details?: { cached_tokens?: number } | null;
} | null;

type WireLogprobs = { content?: Array<{ logprob: number }> | null } | null | undefined;

type WireChunk = {
  usage?: unknown;
  choices?: Array<{
    index: number;
    delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null } | null;
    logprobs?: unknown;
    finish_reason?: string | null;
  }> | null;
};

/** One choice as far as it streamed. */
export interface StreamedChoice {
  text: string;
  reasoning: string;
  /** The backend's finish reason; null while (or because) the stream did not finish it. */
  finishReason: string | null;
  logprobs: number[];
  /** Tokens streamed: the logprobs' count where sent, else one per non-empty delta (backends stream a token a chunk). */
  tokens: number;
}

/** What a stream delivered, however it ended. */
export interface StreamState {
  choices: StreamedChoice[];
  /** The backend's own usage chunk (`stream_options.include_usage`), when it arrived. */
  usage: WireUsage;
  /** Whether any text or thinking reached the caller: from then on the call must not be retried. */
  consumed: boolean;
}

export function createStreamState(): StreamState {
  return { choices: [], usage: null, consumed: false };
}

/** Adds one stream chunk to `state`, calling `onDelta` for its text; a malformed chunk throws a plain Error, never a TypeError. */
export function addChunk(
  state: StreamState,
  raw: unknown,
  onDelta: ((index: number, delta: string, channel: 'reasoning' | 'text') => void) | undefined,
): void {
  if (typeof raw !== 'object' || raw === null) throw new Error('a stream chunk is not a JSON object');
  const chunk = raw as WireChunk;
  if (chunk.usage && typeof chunk.usage === 'object') state.usage = chunk.usage as WireUsage;
  if (chunk.choices !== undefined && chunk.choices !== null && !Array.isArray(chunk.choices)) throw new Error('`choices` is not a list');
  for (const choice of chunk.choices ?? []) {
    const index = choice?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 1024) throw new Error('a choice has no valid index');
    const slot = state.choices[index] ?? { text: '', reasoning: '', finishReason: null, logprobs: [], tokens: 0 };
    state.choices[index] = slot;
    const delta = choice.delta ?? {};
    const thinking = delta.reasoning_content ?? delta.reasoning;
    const logprobs = ((choice.logprobs as WireLogprobs)?.content ?? []).map((token) => token.logprob);
    slot.logprobs.push(...logprobs);
    const streamed = (typeof thinking === 'string' && thinking !== '') || (typeof delta.content === 'string' && delta.content !== '');
    if (streamed) slot.tokens += Math.max(1, logprobs.length);
    if (typeof thinking === 'string' && thinking !== '') {
      slot.reasoning += thinking;
      state.consumed = true;
      onDelta?.(index, thinking, 'reasoning');
    }
    if (typeof delta.content === 'string' && delta.content !== '') {
      slot.text += delta.content;
      state.consumed = true;
      onDelta?.(index, delta.content, 'text');
    }
    if (choice.finish_reason) slot.finishReason = choice.finish_reason;
  }
}

/** The call's usage: the backend's own when it reported it, else the streamed tokens counted here. */
export function usageOf(state: StreamState): TokenUsage {
  const usage = state.usage;
  if (usage && typeof usage.completion_tokens === 'number') {
    return {
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
      reasoningTokens: usage.completion_tokens_details?.reasoning_tokens,
      cachedTokens: usage.prompt_tokens_details?.cached_tokens,
    };
  }
  const counted = state.choices.reduce((sum, choice) => sum + (choice?.tokens ?? 0), 0);
  return { promptTokens: usage?.prompt_tokens, completionTokens: counted };
}
