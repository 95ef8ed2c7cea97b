/**
 * @module Exact fractions for division answers: `100/7` is `14 2/7`; the checker accepts every way people write that
 * value (`100/7`, `14 2/7`, `14 r 2`, `14 remainder 2`, `14.29`), and votes group them as one answer.
 */
import type { ExpressionNode } from './expression.js';

/** A reduced fraction with a positive denominator. */
export interface Rational {
  numerator: bigint;
  denominator: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** The reduced fraction numerator/denominator (undefined for a zero denominator). */
export function rational(numerator: bigint, denominator: bigint): Rational | undefined {
  if (denominator === 0n) return undefined;
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
}

/** Evaluates a tree exactly over the rationals (undefined on division by zero). */
export function evaluateRational(node: ExpressionNode): Rational | undefined {
  if (node.type === 'number') return { numerator: BigInt(node.value), denominator: 1n };
  if (node.type === 'negate') {
    const value = evaluateRational(node.operand);
    return value && { numerator: -value.numerator, denominator: value.denominator };
  }
  const left = evaluateRational(node.left);
  const right = evaluateRational(node.right);
  if (!left || !right) return undefined;
  const { numerator: a, denominator: b } = left;
  const { numerator: c, denominator: d } = right;
  if (node.operator === '+') return rational(a * d + c * b, b * d);
  if (node.operator === '-') return rational(a * d - c * b, b * d);
  if (node.operator === '*') return rational(a * c, b * d);
  return rational(a * d, b * c);
}

/** `14 2/7`, `-3 1/2`, `3/7`, `12`: the form the scratchpad answers with. */
export function formatMixed(value: Rational): string {
  const { numerator, denominator } = value;
  if (denominator === 1n) return numerator.toString();
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const whole = magnitude / denominator;
  const rest = magnitude % denominator;
  const fraction = `${rest}/${denominator}`;
  return `${negative ? '-' : ''}${whole === 0n ? fraction : `${whole} ${fraction}`}`;
}

const sameValue = (x: Rational, y: Rational): boolean => x.numerator * y.denominator === y.numerator * x.denominator;

/**
 * The value an answer states, when it states one exactly: an integer, `p/q`, a mixed number `a b/c`, or, when the
 * divisor of the question is known, `a r b` / `a remainder b` / `a R b` (the quotient and remainder of that division).
 */
export function parseRationalAnswer(text: string, divisor?: number): Rational | undefined {
  const compact = text
    .trim()
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/[.!;]+$/, '')
    .replace(/(?<=\d),(?=\d{3}\b)/g, '');
  const integer = /^([+-]?\d+)$/.exec(compact);
  if (integer) return { numerator: BigInt(integer[1] as string), denominator: 1n };
  const fraction = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(compact);
  if (fraction) return rational(BigInt(fraction[1] as string), BigInt(fraction[2] as string));
  const mixed = /^([+-]?)(\d+)\s+(\d+)\s*\/\s*(\d+)$/.exec(compact);
  if (mixed) {
    const [whole, top, bottom] = [BigInt(mixed[2] as string), BigInt(mixed[3] as string), BigInt(mixed[4] as string)];
    if (bottom === 0n || top >= bottom) return undefined;
    const value = rational(whole * bottom + top, bottom);
    return value && mixed[1] === '-' ? { ...value, numerator: -value.numerator } : value;
  }
  const remainder = /^(\d+)\s*(?:r|R|rem\.?|remainder)\s*(\d+)$/.exec(compact);
  if (remainder && divisor !== undefined && divisor > 0) {
    const [quotient, rest] = [BigInt(remainder[1] as string), BigInt(remainder[2] as string)];
    if (rest >= BigInt(divisor)) return undefined;
    return rational(quotient * BigInt(divisor) + rest, BigInt(divisor));
  }
  return undefined;
}

/**
 * Does the answer state this value? Exact forms must be equal; a decimal (`14.29`, `14.2857`) must have at least two
 * places and be the value rounded or cut to those places.
 */
export function statesValue(text: string, value: Rational, divisor?: number): boolean {
  const exact = parseRationalAnswer(text, divisor);
  if (exact) return sameValue(exact, value);
  const decimal = /^([+-]?)(\d+)\.(\d{2,})$/.exec(text.trim().replace(/[.!;]+$/, ''));
  if (!decimal || value.denominator === 1n) return false;
  const places = (decimal[3] as string).length;
  const scale = 10n ** BigInt(places);
  const stated = BigInt(`${decimal[2]}${decimal[3]}`) * (decimal[1] === '-' ? -1n : 1n);
  // The value times 10^places, cut toward zero and rounded half away from zero: either reading is accepted.
  const scaled = value.numerator * scale;
  const cut = scaled / value.denominator;
  const doubled = (2n * scaled) / value.denominator;
  const rounded = doubled >= 0n ? (doubled + 1n) / 2n : (doubled - 1n) / 2n;
  return stated === cut || stated === rounded;
}
