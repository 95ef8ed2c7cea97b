/** @module The text the learned verifiers read (twin of training/reward_format.py): a chain whose last newline is followed by a `+`/`-` verdict. */
import { ANSWER_PREFIX, THINK_CLOSE, THINK_OPEN } from '../tasks/format.js';

/** The verdict characters the verifier GGUF was trained to emit after a newline: right and wrong. */
export const VERDICT_GOOD = '+';
export const VERDICT_BAD = '-';

/** A candidate as verifiers get it: the thinking text, and the answer line or bare answer when there is one. */
export interface ChainParts {
  reasoning?: string | undefined;
  text: string;
  answer?: string | undefined;
}

/** The answer line of a candidate (`A: 42`), from its text's `A:` line, else its extracted answer; undefined when it has none. */
export function answerLineOf(candidate: ChainParts): string | undefined {
  const line = /(?:^|\n)[ ]*(A:[^\n]*)/.exec(candidate.text)?.[1]?.trim();
  if (line && line !== 'A:') return line;
  const answer = candidate.answer?.trim();
  return answer ? `${ANSWER_PREFIX}${answer}` : undefined;
}

/** The thinking lines, split as the trainer splits them (outer newlines dropped, inner lines kept as written). */
export function thinkingLinesOf(reasoning: string | undefined): string[] {
  const thinking = (reasoning ?? '').replace(/^\n+|\n+$/g, '');
  return thinking === '' ? [] : thinking.split('\n');
}

/**
 * The verifier's input for a chain, ending with the newline after which the verdict is read: after the answer line
 * (outcome, `withAnswer`) or after the last thinking line (process). Undefined when there is nothing to judge.
 * @example verifierText('What is 2+3?', { reasoning: '2+3=5', text: 'A: 5' }, true) // 'What is 2+3?\n<think>\n2+3=5\n</think>\nA: 5\n'
 */
export function verifierText(question: string, candidate: ChainParts, withAnswer: boolean): string | undefined {
  const lines = thinkingLinesOf(candidate.reasoning);
  const head = `${question}\n${THINK_OPEN}\n${lines.map((line) => `${line}\n`).join('')}`;
  if (!withAnswer) return lines.length === 0 ? undefined : head;
  const answer = answerLineOf(candidate);
  return answer === undefined ? undefined : `${head}${THINK_CLOSE}\n${answer}\n`;
}
