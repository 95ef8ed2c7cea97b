/** @module The text contract between task data, the trainer and the runtime: prompt, thinking section, answer line. */
import { isProgramQuestion, normalizeProgramQuestion } from './program-trace-question.js';

/** Opens the visible thinking section. */
export const THINK_OPEN = '<think>';
/** Closes the visible thinking section. */
export const THINK_CLOSE = '</think>';
/** Starts the final answer line. */
export const ANSWER_PREFIX = 'A: ';
/** The cue that makes the model re-check its scratchpad (appended by the runtime to think longer). */
export const WAIT_CUE = 'Wait, let me check.';
/** Longest prompt + completion in characters (the model's context is 512 tokens, one per character). */
export const MAX_EXAMPLE_CHARS = 480;

/** One training or prompting example: the model sees `<s>` + prompt + completion + `</s>`. */
export interface FormattedExample {
  prompt: string;
  completion: string;
}

/** A thinking example: the scratchpad lines, then the answer. */
export function formatSolve(question: string, lines: readonly string[], answer: string): FormattedExample {
  const body = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  return { prompt: `${question}\n`, completion: `${THINK_OPEN}\n${body}${THINK_CLOSE}\n${ANSWER_PREFIX}${answer}` };
}

/** A direct-answer example: an empty thinking section, then the answer. */
export function formatDirect(question: string, answer: string): FormattedExample {
  return formatSolve(question, [], answer);
}

/** A process-verifier example: is this scratchpad line right? */
export function formatCheck(line: string, right: boolean): FormattedExample {
  return { prompt: `Check: ${line}\n`, completion: right ? 'right' : 'wrong' };
}

/** Splits a completion (with or without its leading `<think>`) into the thinking text and the answer, if any. */
export function parseCompletion(text: string): { thinking: string; answer?: string } {
  let rest = text;
  const open = rest.indexOf(THINK_OPEN);
  if (open >= 0) rest = rest.slice(open + THINK_OPEN.length);
  const close = rest.indexOf(THINK_CLOSE);
  const thinking = (close >= 0 ? rest.slice(0, close) : rest).replace(/^\n+|\n+$/g, '');
  if (close < 0) return { thinking };
  const after = rest.slice(close + THINK_CLOSE.length);
  const match = /(?:^|\n)\s*A:[ ]?([^\n]*)/.exec(after);
  const answer = match?.[1]?.trim();
  return answer ? { thinking, answer } : { thinking };
}

/** Operator words between two operands (`7 plus 5`, `84 divided by 7`, `6 multiplied by -3`). */
const OPERATOR_WORDS = /(?<=[\d)])\s+(plus|minus|times|multiplied\s+by|divided\s+by|over)\s+(?=-?\d|\()/gi;
const OPERATOR_SYMBOLS: Record<string, string> = {
  plus: '+',
  minus: '-',
  times: '*',
  'multiplied by': '*',
  'divided by': '/',
  over: '/',
};
/** `the sum of 12 and 30`, `the product of 6 and 7`, `add 3 and 4`, `subtract 5 from 9`, `divide 84 by 7`. */
const OPERATION_PHRASE =
  /\b(?:the\s+)?(sum|difference|product|quotient|add|multiply|subtract|divide)\s+(?:of\s+|between\s+)?(-?\d+)\s+(?:and|by|from|to)\s+(-?\d+)/i;

function phraseExpression(name: string, a: string, b: string): string {
  const wrap = (value: string) => (value.startsWith('-') ? `(${value})` : value);
  if (name === 'sum' || name === 'add') return `${a}+${wrap(b)}`;
  if (name === 'difference') return `${a}-${wrap(b)}`;
  if (name === 'subtract') return `${b}-${wrap(a)}`;
  if (name === 'product' || name === 'multiply') return `${a}*${wrap(b)}`;
  return `${a}/${wrap(b)}`;
}

/** Cleans user input before prompting: trims, maps `×`/`x`/`·` between numbers to `*`, `−` to `-`, collapses whitespace, canonical Countdown wording. */
export function normalizeQuestion(text: string): string {
  // A program's lines and indents are its meaning: collapsing them would change the question.
  if (isProgramQuestion(text)) return normalizeProgramQuestion(text);
  const cleaned = text
    .replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-')
    .replace(/[\u00F7\u2215]/g, '/')
    .replace(/\uFF0B/g, '+')
    .replace(/[\u00A0\u2000-\u200B\u3000]/g, ' ')
    .replace(/(\d|\))(\s*)[xX\u00D7\u2715\u2716\u22C5\u00B7\u2217](\s*)(?=\d|\(|-\d)/g, '$1$2*$3')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:what is|what's|whats)\b/i, 'What is')
    .replace(OPERATOR_WORDS, (_match, word: string) => ` ${OPERATOR_SYMBOLS[word.toLowerCase().replace(/\s+/g, ' ')] ?? word} `)
    .replace(OPERATION_PHRASE, (_match, name: string, a: string, b: string) => phraseExpression(name.toLowerCase(), a, b))
    .replace(/^(compute|calculate)\b/i, (word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase());
  // Countdown phrasings (`using 3, 7 and 25, make 62`) become the one form the model was trained on.
  const countdown = /^(?:use|using) ((?:\d+(?:,\s*|\s+|\s*,?\s*and\s+))+\d+),?\s+(?:to\s+)?(?:make|reach|get) (\d+)\s*[.!?]?$/i.exec(
    cleaned,
  );
  if (!countdown) return cleaned;
  const numbers = (countdown[1] ?? '').split(/\s*,\s*|\s+and\s+|\s+/).filter((part) => part !== '' && part !== 'and');
  return `Use ${numbers.join(', ')} to make ${countdown[2]}.`;
}
