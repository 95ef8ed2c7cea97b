/** @module Answer extraction from a sample's text: `\boxed{}`, a final-answer line, the last number; code blocks for code tasks. */
import { ANSWER_LINE } from '../spec/answer-line.js';
import { ANSWER_PHRASE, isRefusal, lastBoxed } from '../tasks/final-answer.js';

const hashLine = /^\s*####\s*(.+?)\s*$/;
// A number standing alone: not part of a word (`gpt-4o-mini`, `v2`, `3rd`), a version (`1.2.3`) or an identifier.
const numberPattern =
  /(?<![\p{L}\p{N}_.\-+/]|\p{L}-)[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*\/\s*\d+)?(?![\p{L}\p{N}_]|[.,]\d|-\p{L})|(?<![\p{L}\p{N}_.])[+-]?\.\d+(?![\p{L}\p{N}_])/gu;
// Words after which a number is a label, not a quantity (`version 2`, `step 3`, `Python 3`).
const labelBefore =
  /(?:\b(?:version|ver|v|release|python|node|step|line|chapter|section|page|figure|fig|table|item|option|case|part|level|round|sample|phase|model|gpt|llama|qwen|claude|gemini|rfc|iso|utf|ipv|http|number)\.?|\bno\.|#)\s*$/i;

/** The contents of the last `\boxed{…}` (or `\fbox{…}`) with balanced braces, or undefined. */
export function findLastBoxed(text: string): string | undefined {
  const result = lastBoxed(text);
  if (result !== undefined) return result;
  const bare = /\\boxed\s+([^\s$]+)/g;
  let last: string | undefined;
  for (let match = bare.exec(text); match; match = bare.exec(text)) last = match[1];
  return last;
}

/** Cuts a value at the end of its sentence (`$5$. I hope it is correct.`, `42, because …`), keeping decimals whole. */
function firstSentence(value: string): string {
  const phrase = ANSWER_PHRASE.exec(value);
  const inner = phrase?.[1] ?? value;
  return inner.split(/\.\s+(?=[A-Z])|,\s+(?=(?:because|since|as|which|so)\b)/)[0] ?? inner;
}

/** Strips markdown emphasis, math delimiters and a trailing full stop from an answer line's value. */
function tidyLineValue(value: string): string {
  let result = firstSentence(value.trim())
    .replace(/^(?:\*\*|__)\s*/, '')
    .replace(/\s*(?:\*\*|__)\s*$/, '');
  result = result.replace(/^\*\*(.+?)\*\*.*$/, '$1');
  if (/^\$[^$]+\$\.?$/.test(result)) result = result.replace(/\.$/, '');
  return result.replace(/\.$/, '').trim();
}

/** The value of the last final-answer line (`A: 5`, `Answer: 5`, `**Final answer:** 5`, `The answer is 5.`, `#### 5`). */
export function findAnswerLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    const match = ANSWER_LINE.exec(line) ?? hashLine.exec(line) ?? ANSWER_PHRASE.exec(line);
    const value = match?.[1] === undefined ? '' : tidyLineValue(match[1]);
    if (value !== '') return isRefusal(value) ? undefined : (findLastBoxed(value) ?? value);
  }
  return undefined;
}

/**
 * The last number the text states as a quantity (`1,000`, `-3.5`, `3/4`), or undefined. Never digits out of words
 * (`gpt-4o-mini`), labels (`version 2`), inline code or links, and nothing at all from a refusal (`I cannot …`).
 */
export function findLastNumber(text: string): string | undefined {
  if (isRefusal(text)) return undefined;
  const prose = text.replace(/`[^`\n]*`|https?:\/\/\S+|\[[^\]\n]*\]\([^)\n]*\)/g, ' ');
  let last: string | undefined;
  for (const match of prose.matchAll(numberPattern)) {
    if (!labelBefore.test(prose.slice(Math.max(0, match.index - 12), match.index))) last = match[0];
  }
  return last?.replace(/\s+/g, '');
}

/**
 * The final answer in a sample's text, by priority: last `\boxed{}`, last final-answer line, last number.
 * Returns undefined when nothing is found.
 * @example extractAnswer('so x = 3.\nAnswer: **42**') // '42'
 */
export function extractAnswer(text: string): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return findLastBoxed(text) ?? findAnswerLine(text) ?? findLastNumber(text);
}

/**
 * The program in a sample's text: the last fenced block tagged python (or untagged, or any), else the whole text when it
 * looks like Python source. Returns undefined when no code is found.
 */
export function extractCode(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const blocks = [...text.matchAll(/```([\w+-]*)[^\n]*\n([\s\S]*?)```/g)].map((match) => ({
    language: (match[1] ?? '').toLowerCase(),
    code: match[2] ?? '',
  }));
  const python = blocks.filter((block) => block.language === 'python' || block.language === 'py' || block.language === 'python3');
  const chosen = python.at(-1) ?? blocks.filter((block) => block.language === '').at(-1) ?? blocks.at(-1);
  if (chosen && chosen.code.trim() !== '') return chosen.code;
  const unterminated = /```(?:python|py|python3)?[^\n]*\n([\s\S]+)$/.exec(text);
  if (unterminated?.[1]?.trim()) return unterminated[1];
  return /^\s*(?:def |class |import |from \S+ import )/m.test(text) ? text : undefined;
}
