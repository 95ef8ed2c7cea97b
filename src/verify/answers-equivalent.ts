/** @module Answer equivalence and canonical vote keys: exact rationals first, then lists, then computer algebra. */
import { listsEquivalent, parseAnswerList } from './answer-lists.js';
import { cleanAnswer } from './clean-answer.js';
import { type ExactNumber, exactNumbersEqual, formatExactNumber, parseExactNumber, scaleExactNumber } from './exact-number.js';
import { canonicalLatex, casEquivalent } from './math-engine.js';

/** How percentages compare. `strict` (default): `50%` equals only `50\%`; `lenient`: `50%` also equals `50` and `0.5`. */
export type PercentMode = 'strict' | 'lenient';

/** Options for {@link answersEquivalent}. */
export interface EquivalenceOptions {
  percent?: PercentMode;
}

const plainInteger = /^[+-]?\d+$/;
/** Text that may mean more than a literal string to a computer-algebra system. */
const mathSignal = /[\\^*/()[\]{}+\-=]|\d\s*[a-zA-Z]|sqrt|pi|inf/;

function integerFastPath(a: string, b: string): boolean | undefined {
  const left = a.trim();
  const right = b.trim();
  if (!plainInteger.test(left) || !plainInteger.test(right)) return undefined;
  return BigInt(left) === BigInt(right);
}

function valuesEquivalent(left: string, right: string, depth: number): boolean {
  if (left === right) return left !== '';
  if (left === '' || right === '') return false;
  const leftNumber = parseExactNumber(left);
  const rightNumber = parseExactNumber(right);
  if (leftNumber && rightNumber) return exactNumbersEqual(leftNumber, rightNumber);
  if (depth < 3) {
    const leftList = parseAnswerList(left);
    const rightList = parseAnswerList(right);
    if (leftList || rightList) {
      if (!leftList || !rightList) return false;
      return listsEquivalent(leftList, rightList, (a, b) => elementsEquivalent(a, b, depth + 1));
    }
  }
  if (!mathSignal.test(left) && !mathSignal.test(right)) return left.toLowerCase() === right.toLowerCase();
  return casEquivalent(left, right);
}

function elementsEquivalent(a: string, b: string, depth: number): boolean {
  const left = cleanAnswer(a);
  const right = cleanAnswer(b);
  return left.percent === right.percent && valuesEquivalent(left.text, right.text, depth);
}

function percentLenient(percentText: string, other: string): boolean {
  if (valuesEquivalent(percentText, other, 0)) return true;
  const value = parseExactNumber(percentText);
  if (value) {
    const otherValue = parseExactNumber(other);
    return otherValue !== undefined && exactNumbersEqual(scaleExactNumber(value, 1n, 100n), otherValue);
  }
  return casEquivalent(`\\frac{${percentText}}{100}`, other);
}

/**
 * Are two answers the same? Exact for integers and decimals (no float tolerance), symbolic for LaTeX/ASCII math.
 * Never throws; plain integers skip all parsing.
 * @example answersEquivalent('\\dfrac12', '0.5') // true
 */
export function answersEquivalent(a: string, b: string, options: EquivalenceOptions = {}): boolean {
  try {
    const fast = integerFastPath(a, b);
    if (fast !== undefined) return fast;
    const left = cleanAnswer(a);
    const right = cleanAnswer(b);
    if (left.percent === right.percent) return valuesEquivalent(left.text, right.text, 0);
    if (options.percent !== 'lenient') return false;
    return left.percent ? percentLenient(left.text, right.text) : percentLenient(right.text, left.text);
  } catch {
    return false;
  }
}

function normalizeValue(text: string, depth: number): string {
  const exact: ExactNumber | undefined = parseExactNumber(text);
  if (exact) return formatExactNumber(exact);
  const list = depth < 3 ? parseAnswerList(text) : undefined;
  if (list) {
    const elements = list.elements.map((element) => normalizeValue(cleanAnswer(element).text, depth + 1));
    if (!list.ordered) elements.sort();
    return `${list.open}${elements.join(',')}${list.close}`;
  }
  if (!mathSignal.test(text)) return text.toLowerCase();
  const canonical = canonicalLatex(text);
  if (canonical === undefined) return text;
  const canonicalNumber = parseExactNumber(canonical);
  return canonicalNumber ? formatExactNumber(canonicalNumber) : canonical;
}

/**
 * Canonical form used as a vote key: `1,000` → `1000`, `\dfrac12` and `0.5` → `1/2`, `\sqrt{8}` → `2\sqrt{2}`.
 * Never throws; returns the trimmed input when it cannot do better.
 */
export function normalizeAnswer(answer: string): string {
  try {
    if (plainInteger.test(answer.trim())) return BigInt(answer.trim()).toString();
    const cleaned = cleanAnswer(answer);
    const value = normalizeValue(cleaned.text, 0);
    return cleaned.percent ? `${value}%` : value;
  } catch {
    return String(answer ?? '').trim();
  }
}
