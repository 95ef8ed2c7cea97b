/**
 * @module What the embedded models were trained to work out, and why a question falls outside it: the reason they
 * decline (`answer: null`) instead of writing a confident wrong number for `123456789*987654321`, `2^10` or `100/25`.
 */
import { LEVEL_GRAMMARS, operationCount, scratchpadChars } from './arithmetic-grammar.js';
import { extractArithmeticExpression, UnsupportedTraceError } from './arithmetic-trace.js';
import { MAX_WORKED_DIVISOR } from './column-work.js';
import { type ExpressionNode, parseExpression } from './expression.js';
import { MAX_EXAMPLE_CHARS } from './format.js';
import { evaluateRational } from './rational.js';

/** The most digits of a number in a question: the grammar draws operands of 1-3 digits (arithmetic-grammar.ts). */
export const MAX_OPERAND_DIGITS = 3;
/** The most digits of a dividend: a divided number is drawn as a quotient of up to 3 digits times a divisor up to 12. */
export const MAX_DIVIDEND_DIGITS = 5;
/** The most operations in a question. */
export const MAX_OPERATIONS = LEVEL_GRAMMARS[5]?.operations.length ?? 4;

const UNSUPPORTED =
  /\^|\*\*|%|√|!|\b(?:mod|modulo|sqrt|square\s+root|squared|cubed|power|factorial|log|ln|sin|cos|tan|percent|exp)\b|\d\.\d/i;

const digitCount = (value: number): number => String(Math.abs(value)).length;

/** Why a product, division or size is beyond the trained range (values as computed, intermediate results included). */
function sizeProblem(node: ExpressionNode, root: boolean, dividend = false): string | undefined {
  if (node.type === 'number') {
    const limit = dividend ? MAX_DIVIDEND_DIGITS : MAX_OPERAND_DIGITS;
    return digitCount(node.value) > limit
      ? `it has a ${digitCount(node.value)}-digit number, and the embedded model was trained on numbers up to ${MAX_OPERAND_DIGITS} digits (${MAX_DIVIDEND_DIGITS} when divided)`
      : undefined;
  }
  if (node.type === 'negate') return sizeProblem(node.operand, false);
  const inner = sizeProblem(node.left, false, node.operator === '/') ?? sizeProblem(node.right, false);
  if (inner) return inner;
  const left = evaluateRational(node.left);
  const right = evaluateRational(node.right);
  if (!left || !right) return 'it divides by zero, which is undefined';
  if (left.denominator !== 1n || right.denominator !== 1n) return 'it has a fraction inside a longer expression';
  const [a, b] = [Number(left.numerator), Number(right.numerator)];
  if (node.operator === '/') {
    if (b === 0) return 'it divides by zero, which is undefined';
    if (b < 0 || a < 0) return 'it divides negative numbers';
    if (b > MAX_WORKED_DIVISOR) return `it divides by ${b}, and the embedded model divides by 1 to ${MAX_WORKED_DIVISOR} only`;
    if (!root && a % b !== 0) return 'it has a fraction inside a longer expression';
  }
  if (node.operator === '*') {
    const [small, big] = [digitCount(a), digitCount(b)].sort((x, y) => x - y) as [number, number];
    const limits = LEVEL_GRAMMARS[5];
    if (limits && (small > limits.smallFactorDigits || big > limits.bigFactorDigits))
      return `it multiplies a ${big}-digit by a ${small}-digit number, longer than the embedded model was trained to work`;
  }
  return undefined;
}

/**
 * Why the embedded models cannot answer this arithmetic question reliably, or undefined when they were trained for it
 * (or it is not arithmetic at all). `question` is normalised (format.ts `normalizeQuestion`).
 */
export function arithmeticOutOfScope(question: string): string | undefined {
  const expression = extractArithmeticExpression(question);
  if (expression === undefined) return nearArithmetic(question);
  const tree = parseExpression(expression);
  if (!tree) return undefined;
  const operations = operationCount(tree);
  if (operations > MAX_OPERATIONS) return `it has ${operations} operations, and the embedded model works up to ${MAX_OPERATIONS} at a time`;
  const size = sizeProblem(tree, true);
  if (size) return size;
  const single = tree.type === 'binary' && tree.operator === '/' && operations === 1;
  if (single) return undefined;
  try {
    if (scratchpadChars(tree) + question.length + 30 > MAX_EXAMPLE_CHARS)
      return "the working would not fit in the embedded model's 512-token context";
  } catch (error) {
    if (error instanceof UnsupportedTraceError) return `it needs ${error.message}, which the embedded model was not trained on`;
    throw error;
  }
  return undefined;
}

/** `2^10`, `5 mod 3`, `sqrt(16)`, `3.5+2`: arithmetic-looking questions with an operation or number form we do not do. */
function nearArithmetic(question: string): string | undefined {
  if (!/\d/.test(question) || !UNSUPPORTED.test(question)) return undefined;
  // Only short, math-looking questions: a sentence that merely mentions a percentage is not arithmetic for us.
  const words = question
    .replace(/[^a-z]+/gi, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (words.length > 8) return undefined;
  const decimal = /\d\.\d/.test(question);
  return decimal
    ? 'it has a decimal number, and the embedded model works with whole numbers only'
    : 'it uses an operation the embedded model was not trained on (it does + - * / on whole numbers)';
}
