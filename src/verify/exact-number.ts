/** @module Exact rational numbers parsed from answer text: integers, decimals, fractions, scientific notation. */
import { type Rational, rational } from '../tasks/rational.js';

/** A reduced fraction with a positive denominator; big integers keep `1000000007` apart from `1000000008`. */
export type ExactNumber = Rational;

/** Builds a reduced fraction, or undefined for a zero denominator (one home: the tasks' exact fractions). */
export const makeExactNumber = rational;

const integerPattern = /^[+-]?\d+$/;
const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
const slashPattern = /^([^/]+)\/([^/]+)$/;
const fracPattern = /^([+-]?)\\[dt]?frac(?:\{([^{}]+)\}|(\d))(?:\{([^{}]+)\}|(\d))$/;

function parseDecimal(text: string): ExactNumber | undefined {
  if (integerPattern.test(text)) return { numerator: BigInt(text), denominator: 1n };
  const match = decimalPattern.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 10n ** BigInt(fraction.length);
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  if (sign === '-') numerator = -numerator;
  return makeExactNumber(numerator, denominator);
}

function divide(top: ExactNumber | undefined, bottom: ExactNumber | undefined): ExactNumber | undefined {
  if (!top || !bottom) return undefined;
  return makeExactNumber(top.numerator * bottom.denominator, top.denominator * bottom.numerator);
}

/**
 * Parses a cleaned answer as an exact rational: `42`, `-0`, `+5`, `0.50`, `.5`, `1e-3`, `3/4`, `-\frac{1}{2}`, `\dfrac12`.
 * Returns undefined for anything else (radicals, constants, expressions).
 */
export function parseExactNumber(text: string): ExactNumber | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || compact.length > 400) return undefined;
  const decimal = parseDecimal(compact);
  if (decimal) return decimal;
  const frac = fracPattern.exec(compact);
  if (frac) {
    const [, sign = '', topBraced, topDigit, bottomBraced, bottomDigit] = frac;
    const value = divide(parseDecimal(topBraced ?? topDigit ?? ''), parseDecimal(bottomBraced ?? bottomDigit ?? ''));
    return value && sign === '-' ? { numerator: -value.numerator, denominator: value.denominator } : value;
  }
  const slash = slashPattern.exec(compact);
  if (slash) return divide(parseDecimal(slash[1] ?? ''), parseDecimal(slash[2] ?? ''));
  return undefined;
}

/** True when both fractions are the same number. */
export function exactNumbersEqual(left: ExactNumber, right: ExactNumber): boolean {
  return left.numerator === right.numerator && left.denominator === right.denominator;
}

/** Canonical text: `1000`, `-1/2`. */
export function formatExactNumber(value: ExactNumber): string {
  return value.denominator === 1n ? `${value.numerator}` : `${value.numerator}/${value.denominator}`;
}

/** Multiplies by a rational factor (percent conversions). */
export function scaleExactNumber(value: ExactNumber, numerator: bigint, denominator: bigint): ExactNumber {
  return makeExactNumber(value.numerator * numerator, value.denominator * denominator) ?? value;
}
