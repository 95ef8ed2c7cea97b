/** @module Where a completion states its final answer (`A:` after `</think>`, `Answer:`, `\boxed{}`), and refusals that state none. */
import { ANSWER_LINE } from '../spec/answer-line.js';
import { parseCompletion } from './format.js';

/** `… the (final) answer is …` (the value is group 1). */
export const ANSWER_PHRASE = /\bthe\s+(?:final\s+)?answer\s+is\s*:?\s*(.+?)\s*$/i;
const REFUSAL =
  /\b(?:I\s+(?:cannot|can(?:'|’)t|can\s+not|am\s+unable|'m\s+unable|am\s+not\s+able|only\s+know|don(?:'|’)t\s+know|do\s+not\s+know)|I(?:'|’)m\s+(?:sorry|unable|not\s+able)|unable\s+to\s+(?:answer|solve|help)|outside\s+(?:my|the)\b|as\s+an\s+ai\b)/i;

/** Does the text decline to answer (`I cannot …`, `I'm sorry …`, `I only know …`) rather than state an answer? */
export function isRefusal(text: string): boolean {
  return REFUSAL.test(text);
}

/** The contents of the last `\boxed{…}` with balanced braces, or undefined. */
export function lastBoxed(text: string): string | undefined {
  let result: string | undefined;
  for (const match of text.matchAll(/\\(?:boxed|fbox)\s*\{/g)) {
    let depth = 1;
    let index = match.index + match[0].length;
    for (; index < text.length && depth > 0; index += 1) {
      if (text[index] === '{') depth += 1;
      else if (text[index] === '}') depth -= 1;
    }
    if (depth === 0) result = text.slice(match.index + match[0].length, index - 1).trim();
  }
  return result;
}

/**
 * The final answer a completion states, or undefined: the `A:` line after `</think>` (the embedded format), else the last
 * `\boxed{}`, else the last `A:`/`Answer:`/`Final answer:`/`The answer is` line. Never a number read from prose.
 * @example findFinalAnswer('so\n**Answer:** 11*4-13') // '11*4-13'
 */
export function findFinalAnswer(text: string): string | undefined {
  const formatted = parseCompletion(text).answer;
  if (formatted !== undefined) return formatted;
  const boxed = lastBoxed(text);
  if (boxed !== undefined && boxed !== '') return boxed;
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    const value = (ANSWER_LINE.exec(line) ?? ANSWER_PHRASE.exec(line))?.[1]
      ?.replace(/\s*(?:\*\*|__)\s*/g, '')
      .replace(/[.!;]+$/, '')
      .trim();
    if (value) return value;
  }
  return undefined;
}
