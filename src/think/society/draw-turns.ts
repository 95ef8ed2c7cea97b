/** @module Draws samples into thoughts of a chosen role (agent, critique, refinement) through drawSamples. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Message, StrategyContext, ThoughtRole } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { drawSamples } from '../draw-samples.js';

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
export function drawTurns(context: StrategyContext, options: TurnOptions): Promise<Candidate[]> {
  const { role, label, n, ...rest } = options;
  return drawSamples({ question: '', messages: options.messages }, context, { ...rest, n: n ?? 1, role, labelFor: label });
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
