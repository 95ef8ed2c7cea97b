/** @module Scratchpad for arithmetic: operator precedence one operation per line, long multiplication by digit. */
import { type ExpressionNode, parseExpression } from './expression.js';

/** One scratchpad line: a self-contained equation and the value the writer used afterwards. */
export interface TraceLine {
  expression: string;
  value: number;
  text: string;
  /** A plan line (`347*58=347*8+347*50`): says what comes next, computes nothing, is never slipped or re-checked. */
  plan?: boolean;
}

/** Replace the value written on line `index` (to simulate a slip; later lines compute from it). */
export interface TraceOverride {
  index: number;
  value: number;
}

/** Thrown (internally) for expressions whose scratchpad we do not write, e.g. a long multiplication of a negative. */
export class UnsupportedTraceError extends Error {}

const operand = (value: number): string => (value < 0 ? `(${value})` : String(value));

/** Writes the scratchpad for an expression tree; returns its lines and the final value (as written). */
export function buildArithmeticTrace(tree: ExpressionNode, override?: TraceOverride): { lines: TraceLine[]; value: number } {
  const lines: TraceLine[] = [];
  const write = (expression: string, trueValue: number): number => {
    const value = override && override.index === lines.length ? override.value : trueValue;
    lines.push({ expression, value, text: `${expression}=${value}` });
    return value;
  };
  const visit = (node: ExpressionNode): number => {
    if (node.type === 'number') return node.value;
    if (node.type === 'negate') return -visit(node.operand);
    const left = visit(node.left);
    const right = visit(node.right);
    if (node.operator === '+' || node.operator === '-') {
      // Adding a negative is written as a subtraction (and vice versa), so every line stays a plain equation.
      const flip = right < 0;
      const operator = flip ? (node.operator === '+' ? '-' : '+') : node.operator;
      const magnitude = Math.abs(right);
      return write(`${left}${operator}${magnitude}`, operator === '+' ? left + magnitude : left - magnitude);
    }
    const plan = (text: string) => lines.push({ expression: text, value: Number.NaN, text, plan: true });
    if (node.operator === '/') {
      if (right <= 0 || left < 0 || left % right !== 0)
        throw new UnsupportedTraceError('division that is not exact or not of whole numbers');
      return write(`${left}/${right}`, left / right);
    }
    if (Math.abs(left) < 10 && Math.abs(right) < 10) return write(`${left}*${operand(right)}`, left * right);
    if (left < 0 || right < 0) {
      // The sign first (`15*(-3)=-(15*3)`), then the product of the magnitudes worked as usual, then the signed result.
      const negative = left < 0 !== right < 0;
      const [a, b] = [Math.abs(left), Math.abs(right)];
      plan(`${left}*${operand(right)}=${negative ? '-' : ''}(${a}*${b})`);
      const magnitude = a < 10 || b < 10 ? write(`${a}*${b}`, a * b) : longMultiply(a, b, write, plan);
      return write(`${left}*${operand(right)}`, negative ? -magnitude : magnitude);
    }
    if (left < 10 || right < 10) return write(`${left}*${right}`, left * right);
    return longMultiply(left, right, write, plan);
  };
  const value = visit(tree);
  return { lines, value };
}

/**
 * `347*58`: a plan `347*58=347*8+347*50`, then `347*8=2776`, `347*50=17350`, `2776+17350=20126` (the operand with fewer
 * digits is split). The plan spells out every partial product up front, so a 3-digit multiplier's third partial is
 * written down before the work starts instead of being remembered across twenty lines.
 */
function longMultiply(
  left: number,
  right: number,
  write: (expression: string, value: number) => number,
  plan: (text: string) => void,
): number {
  const [big, small] = String(right).length <= String(left).length ? [left, right] : [right, left];
  const digits = String(small);
  const parts: number[] = [];
  for (let place = 0; place < digits.length; place++) {
    const digit = Number(digits[digits.length - 1 - place]);
    if (digit !== 0) parts.push(digit * 10 ** place);
  }
  plan(`${left}*${right}=${parts.map((part) => `${big}*${part}`).join('+')}`);
  const partials: number[] = [];
  for (const part of parts) partials.push(write(`${big}*${part}`, big * part));
  let sum = partials[0] ?? 0;
  for (const partial of partials.slice(1)) sum = write(`${sum}+${partial}`, sum + partial);
  return sum;
}

/** The expression a question asks about (`What is 3*4?` → `3*4`), or undefined when it is not an arithmetic question. */
export function extractArithmeticExpression(question: string): string | undefined {
  const text = question
    .trim()
    .replace(/^(what is|what's|compute|calculate|evaluate|find|solve|simplify)\s*:?\s*/i, '')
    .replace(/[\s?.!=]+$/, '')
    .trim();
  if (!/^[0-9+\-*/() ]+$/.test(text) || !/\d\s*\)?\s*[+\-*/]\s*\(?\s*-?\d/.test(text)) return undefined;
  return parseExpression(text) ? text : undefined;
}
