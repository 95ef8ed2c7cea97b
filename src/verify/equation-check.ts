/** @module Fallback exact step checker: finds `lhs = rhs` in a scratchpad line and compares both sides as exact rationals. */
import { type ExactNumber, exactNumbersEqual, makeExactNumber, parseExactNumber } from './exact-number.js';

type Token = { kind: 'number'; value: ExactNumber } | { kind: 'operator'; value: string };

const maxLength = 200;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|([-+*/()]))/y;
  let index = 0;
  while (index < text.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) return text.slice(index).trim() === '' ? tokens : undefined;
    if (match[1] !== undefined) {
      const value = parseExactNumber(match[1]);
      if (!value) return undefined;
      tokens.push({ kind: 'number', value });
    } else tokens.push({ kind: 'operator', value: match[2] ?? '' });
    index = pattern.lastIndex;
  }
  return tokens;
}

/** Recursive-descent evaluation over exact rationals; undefined on syntax errors or division by zero. */
function evaluateTokens(tokens: Token[]): ExactNumber | undefined {
  let position = 0;
  const peek = (): string | undefined => {
    const token = tokens[position];
    return token?.kind === 'operator' ? token.value : undefined;
  };
  const combine = (left: ExactNumber, operator: string, right: ExactNumber): ExactNumber | undefined => {
    const { numerator: a, denominator: b } = left;
    const { numerator: c, denominator: d } = right;
    if (operator === '+') return makeExactNumber(a * d + c * b, b * d);
    if (operator === '-') return makeExactNumber(a * d - c * b, b * d);
    if (operator === '*') return makeExactNumber(a * c, b * d);
    return makeExactNumber(a * d, b * c);
  };
  const primary = (): ExactNumber | undefined => {
    const token = tokens[position];
    if (!token) return undefined;
    position += 1;
    if (token.kind === 'number') return token.value;
    if (token.value === '-' || token.value === '+') {
      const inner = primary();
      return inner && token.value === '-' ? { numerator: -inner.numerator, denominator: inner.denominator } : inner;
    }
    if (token.value !== '(') return undefined;
    const inner = sum();
    if (peek() !== ')') return undefined;
    position += 1;
    return inner;
  };
  const product = (): ExactNumber | undefined => {
    let value = primary();
    while (value && (peek() === '*' || peek() === '/')) {
      const operator = peek() ?? '*';
      position += 1;
      const right = primary();
      value = right ? combine(value, operator, right) : undefined;
    }
    return value;
  };
  const sum = (): ExactNumber | undefined => {
    let value = product();
    while (value && (peek() === '+' || peek() === '-')) {
      const operator = peek() ?? '+';
      position += 1;
      const right = product();
      value = right ? combine(value, operator, right) : undefined;
    }
    return value;
  };
  const result = sum();
  return position === tokens.length ? result : undefined;
}

/** Evaluates an arithmetic expression (`+ - * / ( )`, integers and decimals) exactly; undefined when it is not one. */
export function evaluateExact(expression: string): ExactNumber | undefined {
  if (expression.length > maxLength) return undefined;
  const tokens = tokenize(expression);
  return tokens && tokens.length > 0 ? evaluateTokens(tokens) : undefined;
}

/** Rewrites `×`, `x`, `·`, `÷`, `−` and thousands commas into plain ASCII arithmetic. */
function plainArithmetic(line: string): string {
  return line
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/(\d|\))\s*[xX\u00D7\u22C5\u00B7]\s*(?=\d|\()/g, '$1*')
    .replace(/\u00F7/g, '/')
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/**
 * Checks the first equation in a scratchpad line (`So 347 × 8 = 2776.`, `12+3=15=15`): true when all sides are equal,
 * false when they differ (or divide by zero), undefined when the line holds no checkable equation.
 */
export function checkEquationLine(line: string): boolean | undefined {
  if (typeof line !== 'string' || !line.includes('=')) return undefined;
  const text = plainArithmetic(line).replace(/^\s*(?:\d+[.)]\s+|[-*]\s+)/, '');
  const segments = text.match(/[\d.+\-*/() ]*\d[\d.+\-*/() ]*(?:=[\d.+\-*/() ]*\d[\d.+\-*/() ]*)+/g);
  const equation = segments?.find((segment) => segment.includes('='));
  if (!equation) return undefined;
  const sides = equation.split('=').map((side) => side.trim().replace(/\.$/, ''));
  if (sides.length < 2 || sides.some((side) => side === '' || !/[\d]/.test(side))) return undefined;
  if (!sides.some((side) => /[\d)]\s*[-+*/]\s*[\d(.+-]/.test(side))) return undefined;
  const values = sides.map((side) => evaluateExact(side));
  if (values.some((value) => value === undefined)) {
    return sides.some((side) => /\/\s*0+(?:\.0*)?(?!\d)/.test(side)) ? false : undefined;
  }
  const first = values[0] as ExactNumber;
  return values.every((value) => exactNumbersEqual(first, value as ExactNumber));
}
