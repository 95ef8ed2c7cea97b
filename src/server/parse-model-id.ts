/** @module Splits a request's model id into the engine's model name and an optional effort suffix (`slowthink:high`). */
import { type Effort, isEffort } from '../spec/engine.js';

/** Effort aliases clients send that are not engine efforts. */
export const EFFORT_ALIASES: Readonly<Record<string, Effort>> = { ultra: 'max' };

/** The effort named by `value` (an effort or an alias), or undefined. */
export function toEffort(value: string): Effort | undefined {
  if (isEffort(value)) return value;
  return EFFORT_ALIASES[value];
}

/** A model id as the client sent it, split into the engine's model name and the effort suffix. */
export interface ParsedModelId {
  model: string;
  effort: Effort | undefined;
}

/** `slowthink:high` → slowthink at high effort; `openai:gpt-4o` → that model, no suffix (`gpt-4o` is no effort). */
export function parseModelId(id: string): ParsedModelId {
  const colon = id.lastIndexOf(':');
  if (colon <= 0) return { model: id, effort: undefined };
  const effort = toEffort(id.slice(colon + 1));
  return effort === undefined ? { model: id, effort: undefined } : { model: id.slice(0, colon), effort };
}
