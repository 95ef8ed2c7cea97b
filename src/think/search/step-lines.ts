/** @module Thinking lines as search steps: the prefix a chain continues from, final-line detection, context room, resolved slips. */
import { ANSWER_LABEL, type Model, type Problem, type Sample } from '../../spec/index.js';

/** Tokens kept free after a prefix for at least one more line and the answer. */
export const CONTEXT_RESERVE_TOKENS = 48;

/** The assistant text a chain continues from: its lines, each ended by a newline (empty for the root). */
export function chainPrefix(lines: readonly string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

/** The one line a step call produced: native reasoning (the embedded model), else the visible text, trimmed. */
export function lineOfSample(sample: Pick<Sample, 'text' | 'reasoning'>): string {
  const reasoning = sample.reasoning?.trim() ?? '';
  return (reasoning !== '' ? reasoning : sample.text).split('\n')[0]?.trim() ?? '';
}

/**
 * True when a line ends the thinking: empty (the embedded model closed `</think>` or stopped), a `</think>` tag, or an
 * answer line. Such a chain is finished with one completion call.
 */
export function isFinalLine(line: string): boolean {
  return line === '' || line.includes('</think>') || ANSWER_LABEL.test(line);
}

/** Tokens of a text as the model counts them (a 4-characters-per-token estimate when it cannot). */
export function countTokens(model: Model, text: string): number {
  return model.countTokens ? model.countTokens(text) : Math.ceil(text.length / 4);
}

/** Whether the question plus `prefix` leave room for more thinking in the model's context (always true when unknown). */
export function fitsContext(model: Model, problem: Problem, prefix: string): boolean {
  const contextLength = model.capabilities.contextLength;
  if (contextLength === undefined) return true;
  return countTokens(model, `${problem.question}\n<think>\n${prefix}`) + CONTEXT_RESERVE_TOKENS <= contextLength;
}

/**
 * Wrong lines a chain has not taken back: a line flagged wrong counts unless a later line repeats it with the
 * verdict ` wrong` (the embedded model's trained self-correction: `slip`, `Wait, let me check.`, `slip wrong`).
 */
export function unresolvedWrongLines(lines: readonly string[], wrong: readonly string[]): number[] {
  const flagged = new Set(wrong.map((line) => line.trim()));
  const indexes: number[] = [];
  lines.forEach((line, index) => {
    const text = line.trim();
    if (!flagged.has(text)) return;
    const takenBack = lines.slice(index + 1).some((later) => later.trim() === `${text} wrong`);
    if (!takenBack) indexes.push(index);
  });
  return indexes;
}
