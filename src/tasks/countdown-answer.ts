/** @module Countdown answers as users and models write them: extraction, notation cleanup, "no solution" claims, an exact solver. */
import { evaluateNode, hasNegation, numbersIn, parseExpression } from './expression.js';
import { findFinalAnswer, isRefusal } from './final-answer.js';

const NO_SOLUTION =
  /\b(?:no (?:valid )?(?:solution|answer|way|expression|combination)|(?:not|im)possible|unsolvable|can(?:not|'t| ?not) (?:be )?(?:made|make|reach(?:ed)?|done|solve[d]?)|there is none|none exists)\b/i;

/** Does the text claim that the target cannot be made (`no solution`, `impossible`, `cannot be made`, a bare `none`)? */
export function claimsNoSolution(text: string): boolean {
  return NO_SOLUTION.test(text) || /^\s*none\s*[.!]?\s*$/i.test(text);
}

/** Rewrites the notations users and LaTeX use (`×`, `\times`, `÷`, `−`, `$…$`, `**…**`) into the parser's `+ - * /`. */
export function cleanCountdownExpression(answer: string): string {
  return answer
    .replace(/\\(?:boxed|fbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\left|\\right|\\[,;!]|[$`]|\*\*|__/g, '')
    .replace(/\\(?:times|cdot|ast)\b|[×✕✖⋅·∗]/g, '*')
    .replace(/(?<=[\d)]\s*)[xX](?=\s*[\d(])/g, '*')
    .replace(/\\div\b|[÷∕]/g, '/')
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[[{]/g, '(')
    .replace(/[\]}]/g, ')')
    .replace(/[.!;:]+\s*$/, '')
    .trim();
}

/**
 * The expression a Countdown answer gives, or undefined for none, a refusal or a "no solution" claim; keeps the expression as
 * written (cleaned), with any `= target` tail. Reads the model's `A:` line, `Answer:`/`Final answer:`, `\boxed{}`, or a
 * last line that is an expression.
 * @example extractCountdownAnswer('<think>\n</think>\nA: 11*4-13') // '11*4-13'
 */
export function extractCountdownAnswer(text: string): string | undefined {
  const value = findFinalAnswer(text) ?? lastExpressionLine(text);
  if (value === undefined || claimsNoSolution(value) || isRefusal(value)) return undefined;
  const cleaned = cleanCountdownExpression(value);
  return /\d/.test(cleaned) ? cleaned : undefined;
}

/** The last non-empty line when it reads as an expression (`11*4-13`, `11 × 4 − 13 = 31`), else undefined. */
function lastExpressionLine(text: string): string | undefined {
  const last = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
  if (last === undefined) return undefined;
  const left = cleanCountdownExpression(last).split('=')[0]?.trim() ?? '';
  const tree = parseExpression(left);
  return tree && tree.type === 'binary' ? last : undefined;
}

/** Why a candidate is not a solution, or undefined when it is one: it must use given numbers, each at most once, and reach the target. */
export function countdownAnswerProblem(candidate: string, numbers: readonly number[], target: number): string | undefined {
  const [left = '', right] = cleanCountdownExpression(candidate).split('=');
  const tree = parseExpression(left.trim());
  if (!tree) return 'not an expression of + - * / and parentheses';
  if (hasNegation(tree)) return 'uses a unary minus';
  const available = [...numbers];
  for (const used of numbersIn(tree)) {
    const index = available.indexOf(used);
    if (index < 0) return numbers.includes(used) ? `uses ${used} more often than given` : `uses ${used}, which is not given`;
    available.splice(index, 1);
  }
  const value = evaluateNode(tree);
  if (value === undefined) return 'divides inexactly or by zero';
  if (value !== target) return `makes ${value}, not ${target}`;
  if (right !== undefined && right.trim() !== '' && Number(right.trim()) !== target) return `claims = ${right.trim()}`;
  return undefined;
}

/** One exact solution (an expression over `numbers`, each at most once) that makes `target`, or undefined when none exists. */
export function solveCountdown(numbers: readonly number[], target: number): string | undefined {
  const failed = new Set<string>();
  const search = (items: ReadonlyArray<{ value: number; text: string }>): string | undefined => {
    const hit = items.find((item) => item.value === target);
    if (hit) return hit.text;
    if (items.length < 2) return undefined;
    const key = items
      .map((item) => item.value)
      .sort((a, b) => a - b)
      .join(',');
    if (failed.has(key)) return undefined;
    for (let i = 0; i < items.length; i += 1) {
      for (let j = 0; j < items.length; j += 1) {
        const a = items[i] as { value: number; text: string };
        const b = items[j] as { value: number; text: string };
        if (i === j) continue;
        const rest = items.filter((_, index) => index !== i && index !== j);
        for (const made of combinations(a, b)) {
          const found = search([...rest, made]);
          if (found !== undefined) return found;
        }
      }
    }
    failed.add(key);
    return undefined;
  };
  return search(numbers.map((value) => ({ value, text: String(value) })));
}

/** Every result of `a op b` the checker accepts (exact division, no unary minus needed: negatives come from `b-a`). */
function combinations(a: { value: number; text: string }, b: { value: number; text: string }): Array<{ value: number; text: string }> {
  const made = [
    { value: a.value + b.value, text: `(${a.text}+${b.text})` },
    { value: a.value - b.value, text: `(${a.text}-${b.text})` },
    { value: a.value * b.value, text: `${a.text}*${b.text}` },
  ];
  if (b.value !== 0 && a.value % b.value === 0) made.push({ value: a.value / b.value, text: `${a.text}/(${b.text})` });
  return made.filter((item) => Number.isSafeInteger(item.value));
}

/**
 * Every value some expression over `numbers` (each at most once, any subset) makes, with the checker's rules: + - * and
 * exact division, negative and zero intermediates allowed. A subset dynamic program, fast up to 6 numbers.
 */
export function reachableValues(numbers: readonly number[]): Set<number> {
  const full = (1 << numbers.length) - 1;
  const byMask: Array<Set<number>> = [];
  const all = new Set<number>();
  for (let mask = 1; mask <= full; mask += 1) {
    const values = new Set<number>();
    if ((mask & (mask - 1)) === 0) values.add(numbers[Math.log2(mask)] as number);
    // Every split of the subset into two non-empty parts, both orders (for - and /); submasks are smaller, so already built.
    for (let left = (mask - 1) & mask; left > 0; left = (left - 1) & mask) {
      const leftValues = byMask[left] as Set<number>;
      const rightValues = byMask[mask ^ left] as Set<number>;
      for (const a of leftValues) {
        for (const b of rightValues) {
          values.add(a + b);
          values.add(a - b);
          if (Number.isSafeInteger(a * b)) values.add(a * b);
          if (b !== 0 && a % b === 0) values.add(a / b);
        }
      }
    }
    byMask[mask] = values;
    for (const value of values) all.add(value);
  }
  return all;
}

/** Draws up to this many numbers are proved unsolvable by `reachableValues`; larger ones fall back to `solveCountdown`. */
const MAX_TABULATED_NUMBERS = 5;

/** Can some expression over `numbers` (each at most once) make `target`? Exact, by the subset table or the solver. */
export function canMakeCountdown(numbers: readonly number[], target: number): boolean {
  if (numbers.length <= MAX_TABULATED_NUMBERS) return reachableValues(numbers).has(target);
  return solveCountdown(numbers, target) !== undefined;
}
