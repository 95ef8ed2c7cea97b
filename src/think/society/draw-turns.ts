/** @module Draws samples into thoughts of a chosen role (agent, critique, refinement), like drawSamples does for `sample`. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { GenerateRequest, Message, StrategyContext, ThoughtRole } from '../../spec/index.js';
import { type Candidate, extractAnswer, sampleConfidence, splitThinking, voteKey } from '../candidate.js';

/** One call's worth of turns. */
export interface TurnOptions {
  role: ThoughtRole;
  /** Label of each thought; receives the offset within this call. */
  label: (offset: number) => string;
  messages: Message[];
  n?: number;
  /** Index of the first sample among all samples of the request (seeds and candidate indexes). */
  firstIndex: number;
  parentId?: string | null;
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  prefix?: string;
  thinking?: boolean;
}

/** Draws up to `n` (default 1) samples, each in its own thought of `role`; fewer or none when the budget is low. */
export async function drawTurns(context: StrategyContext, options: TurnOptions): Promise<Candidate[]> {
  const wanted = options.n ?? 1;
  const left = context.tokensLeft();
  const n = Math.max(0, Math.min(wanted, Number.isFinite(left) ? Math.floor(left) : wanted));
  if (n === 0 || context.stopped()) return [];
  const thoughtIds = Array.from({ length: n }, (_, offset) =>
    context.startThought(options.role, options.label(offset), options.parentId ?? null),
  );
  const request: GenerateRequest & { thoughtIds: string[] } = { messages: options.messages, n, thoughtIds, signal: context.signal };
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  if (options.thinking !== undefined) request.thinking = options.thinking;
  if (options.prefix !== undefined) request.prefix = options.prefix;
  const temperature = options.temperature ?? context.temperature;
  if (temperature !== undefined) request.temperature = temperature;
  if (context.seed !== undefined) request.seed = context.seed + options.firstIndex;
  if (context.model.capabilities.logprobs) request.logprobs = true;
  let samples: Awaited<ReturnType<StrategyContext['generate']>>['samples'] = [];
  try {
    samples = (await context.generate(request)).samples;
  } finally {
    for (const id of thoughtIds.slice(samples.length)) context.endThought(id, { text: '', tokens: 0 });
  }
  return samples.map((sample, offset) => {
    const thoughtId = thoughtIds[offset] as string;
    const { reasoning, text } = splitThinking(sample);
    const answer = extractAnswer(context.answers, text);
    const tokens = sample.usage.completionTokens ?? 0;
    const confidence = sampleConfidence(sample);
    context.endThought(thoughtId, {
      text: reasoning ? `${reasoning}\n${text}` : text,
      tokens,
      ...(answer === undefined ? {} : { answer }),
    });
    context.emit({
      type: 'sample-end',
      id: thoughtId,
      tokens,
      finishReason: sample.finishReason,
      ...(answer === undefined ? {} : { answer }),
      ...(confidence === undefined ? {} : { confidence }),
    });
    return {
      thoughtId,
      index: options.firstIndex + offset,
      text,
      reasoning,
      answer,
      key: voteKey(context.answers, answer),
      tokens,
      finishReason: sample.finishReason,
      confidence,
    };
  });
}

/** What a candidate said, as an assistant turn (its thinking, then its answer). */
export function spokenText(candidate: Pick<Candidate, 'reasoning' | 'text'>): string {
  return candidate.reasoning ? `${candidate.reasoning}\n${candidate.text}` : candidate.text;
}

/** The turns, or none when the backend rejects the conversation as longer than its context (the caller ends that line of work). */
export async function withinContext(turns: Promise<Candidate[]>): Promise<Candidate[]> {
  try {
    return await turns;
  } catch (error) {
    if (SlowthinkError.isInstance(error) && error.code === ERROR_CODES.INVALID_ARGUMENT && error.param === 'messages') return [];
    throw error;
  }
}
