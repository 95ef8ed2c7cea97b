/** @module The arithmetic task: integer expressions with `+ - *` and parentheses, five difficulty levels. */

import type { Task, TaskProblem } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import { buildArithmeticTrace, extractArithmeticExpression, UnsupportedTraceError } from './arithmetic-trace.js';
import { evaluateExpression, parseExpression } from './expression.js';
import { findFinalAnswer, isRefusal } from './final-answer.js';
import { normalizeQuestion } from './format.js';
import { createRandom, hashSeed, type Random } from './random.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

const digits = (random: Random, count: number): number => random.int(10 ** (count - 1), 10 ** count - 1);
const plusMinus = (random: Random): string => random.pick(['+', '-']);

/** Builds one compact expression for a level (before surface variation). */
function expressionForLevel(level: number, random: Random): string {
  const a2 = () => digits(random, 2);
  switch (level) {
    case 1:
      return `${a2()}${plusMinus(random)}${a2()}`;
    case 2:
      if (random.chance(0.5)) return `${digits(random, 3)}${plusMinus(random)}${digits(random, random.chance(0.7) ? 3 : 2)}`;
      return random.chance(0.7) ? `${a2()}*${random.int(2, 9)}` : `${random.int(2, 9)}*${a2()}`;
    case 3: {
      if (random.chance(0.5)) return `${a2()}*${a2()}`;
      const terms = [a2(), a2(), a2()];
      const operators = [plusMinus(random), plusMinus(random)];
      if (random.chance(0.6)) {
        const slot = random.int(0, 1);
        operators[slot] = '*';
        terms[slot + (random.chance(0.5) ? 1 : 0)] = random.int(2, 9);
      }
      return `${terms[0]}${operators[0]}${terms[1]}${operators[1]}${terms[2]}`;
    }
    case 4: {
      if (random.chance(0.5)) return random.chance(0.7) ? `${digits(random, 3)}*${a2()}` : `${a2()}*${digits(random, 3)}`;
      const [x, y] = [a2(), a2()].sort((p, q) => q - p);
      const group = `(${x}${plusMinus(random)}${y})`;
      const factor = random.chance(0.6) ? random.int(2, 9) : random.int(11, 30);
      const product = random.chance(0.5) ? `${group}*${factor}` : `${factor}*${group}`;
      return random.chance(0.5) ? `${product}${plusMinus(random)}${a2()}` : `${digits(random, 3)}${plusMinus(random)}${product}`;
    }
    default: {
      if (random.chance(0.5)) return `${digits(random, 3)}*${digits(random, 3)}`;
      const [x, y] = [digits(random, random.chance(0.5) ? 3 : 2), a2()].sort((p, q) => q - p);
      const product = `(${x}${plusMinus(random)}${y})*${a2()}`;
      const tail = random.chance(0.5) ? `${a2()}*${random.int(2, 9)}` : `${digits(random, 3)}`;
      return random.chance(0.7) ? `${product}${plusMinus(random)}${tail}` : `${tail}${plusMinus(random)}${product}`;
    }
  }
}

/** Varies the surface form: `What is ...?`, `Compute ...`, a bare expression, with or without spaces. */
function surfaceForm(expression: string, random: Random): string {
  const spaced = random.chance(0.3) ? expression.replace(/(?<=[\d)])([+\-*/])(?=[\d(])/g, ' $1 ') : expression;
  const roll = random.next();
  if (roll < 0.4) return `What is ${spaced}?`;
  if (roll < 0.5) return `Compute ${spaced}.`;
  if (roll < 0.55) return `Calculate ${spaced}`;
  if (roll < 0.65) return `${spaced} =`;
  return spaced;
}

/** Generates one problem whose scratchpad we can write (retries the rare unsupported shapes). */
function generateOne(level: number, random: Random): { question: string; answer: number; expression: string } {
  for (;;) {
    const expression = expressionForLevel(level, random);
    const tree = parseExpression(expression);
    if (!tree) continue;
    try {
      const { value } = buildArithmeticTrace(tree);
      return { question: surfaceForm(expression, random), answer: value, expression };
    } catch (error) {
      if (!(error instanceof UnsupportedTraceError)) throw error;
    }
  }
}

/**
 * Canonical integer text of an answer as users and models write it (`+042` → `42`, `1,234` → `1234`, `$84$.` → `84`,
 * `84 apples` → `84`, `12*7 = 84` → `84`, `\boxed{84}` → `84`), or the trimmed input when it states no single integer.
 */
export function normalizeInteger(answer: string): string {
  const stated = answer.split('=').at(-1) ?? answer;
  const compact = stated
    .replace(/\\(?:boxed|fbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/[$`*_]|\\[,!;]/g, '')
    .replace(/[\u2212\u2013]/g, '-')
    .trim()
    .replace(/(?<=\d)\s*[a-zA-Z][a-zA-Z ]*\.?$/, '')
    .replace(/[.!;:]+$/, '')
    .replace(/(?<=\d)[\s,](?=\d{3}\b)/g, '');
  if (!/^[+-]?\d+$/.test(compact)) return answer.trim();
  const value = BigInt(compact);
  return value.toString();
}

/** The integer on the last line when that line states one (`84`, `12*7 = 84`, `= 84.`), for completions without an answer line. */
function lastLineInteger(text: string): string | undefined {
  const last = text.trim().split(/\r?\n/).at(-1) ?? '';
  return /^(?:[^=\n]*=\s*)?[$*]*[+-]?\d[\d,]*[$*]*\.?$/.test(last.trim()) ? normalizeInteger(last) : undefined;
}

const arithmeticAnswerKey: AnswerKey = {
  extract: (text) => {
    const stated = findFinalAnswer(text);
    if (stated !== undefined) return isRefusal(stated) ? undefined : stated;
    return isRefusal(text) ? undefined : lastLineInteger(text);
  },
  normalize: normalizeInteger,
  equivalent: (a, b) => normalizeInteger(a) === normalizeInteger(b),
};

/** Integer arithmetic with a scratchpad; levels 1 (2-digit +/-) to 5 (3-digit by 3-digit products, long chains). */
export const arithmeticTask: Task = {
  name: 'arithmetic',
  description: 'Integer expressions with + - * and parentheses; the scratchpad does one operation per line.',
  levels: LEVELS,
  // The checker evaluates the question itself: using it while answering would be a calculator oracle.
  inferenceVerifier: 'steps',
  generate({ seed, count, level }) {
    const problems: TaskProblem[] = [];
    for (let index = 0; index < count; index++) {
      const random = createRandom(hashSeed('arithmetic', seed, level ?? 0, index));
      const chosen = level ?? random.pick(LEVELS);
      const { question, answer, expression } = generateOne(chosen, random);
      problems.push({
        id: `arithmetic/L${chosen}/seed${seed}/${index}`,
        task: 'arithmetic',
        question,
        answer: String(answer),
        level: chosen,
        meta: { expression },
      });
    }
    return problems;
  },
  check(question, candidate) {
    const expression = extractArithmeticExpression(normalizeQuestion(question));
    const value = expression === undefined ? undefined : evaluateExpression(expression);
    const normalized = normalizeInteger(candidate);
    return value !== undefined && /^-?\d+$/.test(normalized) && normalized === String(value);
  },
  matches: (question) => extractArithmeticExpression(normalizeQuestion(question)) !== undefined,
  answerKey: arithmeticAnswerKey,
};
