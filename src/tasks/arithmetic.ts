/** @module The arithmetic task: integer expressions with `+ - * /` and parentheses from a grammar, five difficulty levels. */

import type { ProblemDraw, ProblemSplit, Task, TaskProblem } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import { balancedExpression, grammarExpression, hasHeldOutShapes } from './arithmetic-grammar.js';
import { arithmeticOutOfScope } from './arithmetic-scope.js';
import { buildArithmeticTrace, extractArithmeticExpression, UnsupportedTraceError } from './arithmetic-trace.js';
import { MAX_WORKED_DIVISOR } from './column-work.js';
import { type ExpressionNode, parseExpression } from './expression.js';
import { findFinalAnswer, isRefusal } from './final-answer.js';
import { normalizeQuestion } from './format.js';
import { createRandom, hashSeed, type Random } from './random.js';
import { evaluateRational, formatMixed, parseRationalAnswer, statesValue } from './rational.js';

const LEVELS = [1, 2, 3, 4, 5] as const;

/** Share of problems at levels 1-2 that divide (`56/8`, `100/7`, `1234/12`): a times-table divisor, worked long. */
const DIVISION_SHARE: Record<number, number> = { 1: 0.1, 2: 0.12 };
/** Share of problems at levels 1-2 with a negative operand (`-7+12`, `15*(-3)`), as people type them. */
const NEGATIVE_SHARE: Record<number, number> = { 1: 0.06, 2: 0.06 };

/** A division: at level 1 a times-table fact (`56/8`, `17/5`), at level 2 up to four digits by 2-12 (`1234/12`). */
function divisionExpression(level: number, random: Random): string {
  const divisor = level === 1 ? random.int(2, 9) : random.int(2, MAX_WORKED_DIVISOR);
  const exact = random.chance(level === 1 ? 0.8 : 0.6);
  const quotient = level === 1 ? random.int(1, 9) : random.int(random.chance(0.5) ? 10 : 2, random.chance(0.3) ? 999 : 99);
  const dividend = quotient * divisor + (exact ? 0 : random.int(1, divisor - 1));
  return `${dividend}/${divisor}`;
}

/** A single operation with a negative operand, written as people type it (`-7+12`, `15*-3`, `8-(-4)`). */
function negativeExpression(level: number, random: Random): string {
  const size = () => (level === 1 || random.chance(0.5) ? random.int(1, 9) : random.int(10, 99));
  const [a, b] = [size(), size()];
  const operator = random.pick(['+', '-', '*']);
  const negativeRight = random.pick([`(-${b})`, `-${b}`]);
  if (random.chance(0.5)) return `-${a}${operator}${b}`;
  return `${a}${operator}${operator === '*' || random.chance(0.5) ? negativeRight : `(-${b})`}`;
}

/**
 * The balanced training draw's extra shares per level (`draw: 'balanced'`, docs/generalisation.md §3): divisions at
 * a quarter of levels 1-2, half of them times-table inverses (`84/7`, `144/12`); exact divisions inside longer
 * expressions at level 3 (`84/7+5`); chains of single digits (`1+2+3+4`) and operands 0 and 1 (`5*0`) at levels 1-2.
 */
const BALANCED_SHARES: Record<number, { division: number; negative: number; chain: number; zeroOne: number }> = {
  1: { division: 0.25, negative: 0.06, chain: 0, zeroOne: 0.05 },
  2: { division: 0.25, negative: 0.06, chain: 0.06, zeroOne: 0.02 },
  3: { division: 0.1, negative: 0, chain: 0, zeroOne: 0 },
};

/** A division for the balanced draw: a times-table inverse (`84/7`, `17/5`), at level 2 half the time a long one. */
function balancedDivision(level: number, random: Random): string {
  if (level === 2 && random.chance(0.5)) return divisionExpression(2, random);
  const divisor = random.int(2, MAX_WORKED_DIVISOR);
  const quotient = random.int(1, MAX_WORKED_DIVISOR);
  return `${quotient * divisor + (random.chance(0.85) ? 0 : random.int(1, divisor - 1))}/${divisor}`;
}

/** An exact division inside a longer expression (`84/7+5`, `60-96/8`, `(56/8)*13`). */
function divisionInExpression(random: Random): string {
  const divisor = random.int(2, MAX_WORKED_DIVISOR);
  const division = `${random.int(2, random.chance(0.5) ? MAX_WORKED_DIVISOR : 60) * divisor}/${divisor}`;
  const other = random.int(2, 99);
  const roll = random.next();
  if (roll < 0.35) return `${division}${random.pick(['+', '-'])}${other}`;
  if (roll < 0.7) return `${other}${random.pick(['+', '-'])}${division}`;
  return random.chance(0.5) ? `${division}*${random.int(2, 9)}` : `${random.int(2, 9)}*(${division})`;
}

/** A chain of single digits (`1+2+3+4`, `9-3+5`), three or four of them. */
function chainExpression(random: Random): string {
  const count = random.int(3, 4);
  let text = String(random.int(1, 9));
  for (let index = 1; index < count; index++) text += `${random.chance(0.75) ? '+' : '-'}${random.int(1, 9)}`;
  return text;
}

/** One operation with an operand 0 or 1 (`5*0`, `0+7`, `1*8`, `9-0`). */
function zeroOneExpression(random: Random): string {
  const [small, other] = [random.int(0, 1), random.int(0, 12)];
  const operator = random.pick(['+', '-', '*']);
  return random.chance(0.5) ? `${small}${operator}${other}` : `${other}${operator}${small}`;
}

/** An expression of the balanced training draw: its extra shares first, else a uniformly drawn shape. */
function balancedTrainingExpression(level: number, random: Random): string {
  const shares = BALANCED_SHARES[level] ?? { division: 0, negative: 0, chain: 0, zeroOne: 0 };
  const extras: Array<[number, () => string]> = [
    [shares.division, () => (level >= 3 ? divisionInExpression(random) : balancedDivision(level, random))],
    [shares.negative, () => negativeExpression(level, random)],
    [shares.chain, () => chainExpression(random)],
    [shares.zeroOne, () => zeroOneExpression(random)],
  ];
  let roll = random.next();
  for (const [share, draw] of extras) {
    if (roll < share) return draw();
    roll -= share;
  }
  return balancedExpression(level, random);
}

/** Varies the surface form: `What is ...?` (the form the runtime asks in), `Compute ...`, a bare expression, spaces. */
function surfaceForm(expression: string, random: Random): string {
  const spaced = random.chance(0.2) ? expression.replace(/(?<=[\d)])([+\-*/])(?=[\d(-])/g, ' $1 ') : expression;
  const roll = random.next();
  if (roll < 0.7) return `What is ${spaced}?`;
  if (roll < 0.78) return `Compute ${spaced}.`;
  if (roll < 0.82) return `Calculate ${spaced}`;
  if (roll < 0.88) return `${spaced} =`;
  return spaced;
}

/** Generates one problem whose scratchpad we can write (retries the rare unsupported shapes). */
function generateOne(
  level: number,
  random: Random,
  split: ProblemSplit,
  draw: ProblemDraw,
): { question: string; answer: string; expression: string } {
  for (;;) {
    let expression: string;
    const roll = random.next();
    if (split === 'train' && draw === 'balanced') expression = balancedTrainingExpression(level, random);
    else if (split === 'train' && roll < (DIVISION_SHARE[level] ?? 0)) expression = divisionExpression(level, random);
    else if (split === 'train' && roll < (DIVISION_SHARE[level] ?? 0) + (NEGATIVE_SHARE[level] ?? 0))
      expression = negativeExpression(level, random);
    else expression = grammarExpression(level, random, split);
    const tree = parseExpression(expression);
    const value = tree && evaluateRational(tree);
    if (!tree || !value) continue;
    if (value.denominator === 1n) {
      try {
        buildArithmeticTrace(tree);
      } catch (error) {
        if (!(error instanceof UnsupportedTraceError)) throw error;
        continue;
      }
    }
    return { question: surfaceForm(expression, random), answer: formatMixed(value), expression };
  }
}

/** The stated part of an answer, cleaned (`$84$.` -> `84`, `84 apples` -> `84`, `12*7 = 84` -> `84`, `1,234` -> `1234`). */
function statedText(answer: string): string {
  const stated = answer.split('=').at(-1) ?? answer;
  return stated
    .replace(/\\(?:boxed|fbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/[$`*_]|\\[,!;]/g, '')
    .replace(/[\u2212\u2013]/g, '-')
    .trim()
    .replace(/(?<=\d)\s*[a-zA-Z][a-zA-Z ]*\.?$/, '')
    .replace(/(?<=\d)[.!;:]+$|^[.!;:]+$/, '')
    .replace(/(?<=\d)[\s,](?=\d{3}\b)/g, '');
}

/**
 * Canonical integer text of an answer as users and models write it (`+042` → `42`, `1,234` → `1234`, `$84$.` → `84`,
 * `84 apples` → `84`, `12*7 = 84` → `84`, `\boxed{84}` → `84`), or the trimmed input when it states no single integer.
 */
export function normalizeInteger(answer: string): string {
  const compact = statedText(answer);
  if (!/^[+-]?\d+$/.test(compact)) return answer.trim();
  return BigInt(compact).toString();
}

/** The cleaned answer text for the exact-value check (fractions and mixed numbers kept: `14 2/7`, `100/7`). */
function normalizeRationalText(answer: string): string {
  return statedText(answer.replace(/=\s*$/, ''));
}

/** Canonical text of an answer: an exact value in the scratchpad's form (`100/7` → `14 2/7`), else the integer rule. */
function normalizeAnswer(answer: string): string {
  const value = parseRationalAnswer(normalizeRationalText(answer));
  return value ? formatMixed(value) : normalizeInteger(answer);
}

/** The divisor of a question that is one division (`100/7`), so `14 r 2` can be read; else undefined. */
function singleDivisor(tree: ExpressionNode): number | undefined {
  return tree.type === 'binary' && tree.operator === '/' && tree.right.type === 'number' ? tree.right.value : undefined;
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
  normalize: normalizeAnswer,
  equivalent: (a, b) => normalizeAnswer(a) === normalizeAnswer(b),
};

/** Integer arithmetic with a scratchpad; levels 1 (2-digit +/-) to 5 (3-digit by 3-digit products, long chains). */
export const arithmeticTask: Task = {
  name: 'arithmetic',
  description: 'Integer expressions with + - * and parentheses; the scratchpad does one operation per line.',
  levels: LEVELS,
  // The checker evaluates the question itself: using it while answering would be a calculator oracle.
  inferenceVerifier: 'steps',
  generate({ seed, count, level, split = 'train', draw = 'natural' }) {
    const problems: TaskProblem[] = [];
    const heldOut = split === 'held-out-shapes';
    // Level 1 is single operations only: it has no held-out shapes.
    if (heldOut && level !== undefined && !hasHeldOutShapes(level)) return problems;
    const levels = heldOut ? LEVELS.filter(hasHeldOutShapes) : LEVELS;
    for (let index = 0; index < count; index++) {
      const random = createRandom(hashSeed('arithmetic', seed, level ?? 0, index, ...(heldOut ? [split] : [])));
      const chosen = level ?? random.pick(levels);
      const { question, answer, expression } = generateOne(chosen, random, split, draw);
      problems.push({
        id: `arithmetic/L${chosen}/${heldOut ? 'held-out-shapes/' : ''}seed${seed}/${index}`,
        task: 'arithmetic',
        question,
        answer,
        level: chosen,
        meta: { expression },
      });
    }
    return problems;
  },
  check(question, candidate) {
    const expression = extractArithmeticExpression(normalizeQuestion(question));
    const tree = expression === undefined ? undefined : parseExpression(expression);
    const value = tree && evaluateRational(tree);
    if (!value) return false;
    return statesValue(normalizeRationalText(candidate), value, singleDivisor(tree));
  },
  matches: (question) => extractArithmeticExpression(normalizeQuestion(question)) !== undefined,
  outOfScope: (question) => arithmeticOutOfScope(normalizeQuestion(question)),
  answerKey: arithmeticAnswerKey,
};
