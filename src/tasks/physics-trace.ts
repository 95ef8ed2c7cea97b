/** @module The physics scratchpad: the formula, the substitution with units, the arithmetic task's own lines, the unit carried and converted. */

import { PHYSICS_DECLINE } from './physics-answer.js';
import { DIVISOR, type Formula } from './physics-formulas.js';
import { type ParsedPhysics, parsePhysicsQuestion } from './physics-question.js';
import { closeEnough, conversionRatio, formatNumber, type Unit, unitOf } from './physics-units.js';
import type { Random } from './random.js';
import { arithmeticSolveTrace, type CorrectionMode, type SolveTrace } from './solve-trace.js';

/** A value with the unit the scratchpad writes it in. */
interface Written {
  value: number;
  unit: Unit;
}

const written = (quantity: Written): string => `${formatNumber(quantity.value)} ${quantity.unit.symbol}`;

/** Terminating results only: a quotient the scratchpad could not write exactly is refused. */
function decimalResult(left: number, operator: string, right: number): number | undefined {
  const value = operator === '+' ? left + right : operator === '-' ? left - right : operator === '*' ? left * right : left / right;
  if (!Number.isFinite(value)) return undefined;
  const text = formatNumber(value);
  return (text.split('.')[1] ?? '').length <= 6 && closeEnough(Number(text), value) ? Number(text) : undefined;
}

/** Collects lines; one arithmetic block (chosen up front) may carry a slip and its fix. */
class Pad {
  readonly lines: string[] = [];
  readonly mistakes: number[] = [];
  private block = 0;
  slipped = false;
  constructor(
    private readonly slipBlock: number,
    private readonly random: Random,
  ) {}

  /** Writes `left op right` the way the arithmetic task does; returns the value. */
  compute(left: number, operator: '+' | '-' | '*' | '/', right: number): number | undefined {
    const expression = `${formatNumber(left)}${operator}${formatNumber(right)}`;
    const mode: CorrectionMode = this.block++ === this.slipBlock ? 'immediate' : 'none';
    const exact = operator !== '/' || (right !== 0 && left % right === 0);
    // A power of ten shifts digits: one line, no column work (`12*1000=12000`, `29/1000=0.029`).
    const shift = /^10+$/.test(formatNumber(right));
    if (!shift && exact && Number.isInteger(left) && Number.isInteger(right) && left >= 0 && right >= 0) {
      const trace = arithmeticSolveTrace(expression, mode, this.random);
      if (trace) {
        for (const index of trace.mistakes) this.mistakes.push(this.lines.length + index);
        if (trace.mistakes.length > 0) this.slipped = true;
        this.lines.push(...trace.lines);
        return Number(trace.answer);
      }
    }
    const value = decimalResult(left, operator, right);
    if (value !== undefined) this.lines.push(`${expression}=${formatNumber(value)}`);
    return value;
  }
}

/** Substitutes the quantities as written into a formula's substitution template. */
function substitute(formula: Formula, values: Map<string, Written>): string | undefined {
  let missing = false;
  const text = formula.substitute.replace(/\{(\w+)\}/g, (_, symbol: string) => {
    const quantity = values.get(symbol);
    if (!quantity) missing = true;
    return quantity ? written(quantity) : '';
  });
  return missing ? undefined : text;
}

/** Works one formula: the formula line, the substitution, the arithmetic, the result with its unit. */
function workFormula(pad: Pad, formula: Formula, values: Map<string, Written>): Written | undefined {
  const substituted = substitute(formula, values);
  if (substituted === undefined) return undefined;
  pad.lines.push(formula.formula, `${formula.symbol} = ${substituted}`);
  let previous: number | undefined;
  for (const [left, operator, right] of formula.operations) {
    const read = (operand: string): number | undefined =>
      operand === '_' ? previous : /^\d+$/.test(operand) ? Number(operand) : values.get(operand)?.value;
    const [a, b] = [read(left), read(right)];
    if (a === undefined || b === undefined) return undefined;
    previous = pad.compute(a, operator, b);
    if (previous === undefined) return undefined;
  }
  if (previous === undefined) return undefined;
  const result = { value: previous, unit: unitOf(formula.unit) };
  values.set(formula.symbol, result);
  pad.lines.push(`${formula.symbol} = ${written(result)}`);
  return result;
}

/** A divisor as steps the arithmetic task works: itself when a power of ten or at most DIVISOR, else factors (`18` → 9, 2; `60` → 6, 10). */
function divisorSteps(divisor: number): number[] {
  if (divisor <= DIVISOR || /^10+$/.test(String(divisor))) return [divisor];
  const zeros = /0+$/.exec(String(divisor))?.[0] ?? '';
  if (zeros !== '') return [...divisorSteps(divisor / 10 ** zeros.length), 10 ** zeros.length];
  for (let factor = DIVISOR; factor >= 2; factor--) {
    if (divisor % factor === 0) return [factor, ...divisorSteps(divisor / factor)];
  }
  return [divisor];
}

/** `1 m/s = 18/5 km/h`, then `30*18`, `540/5`, `v = 108 km/h` (the ratio is written so the work is a product, a quotient or both). */
function convert(pad: Pad, symbol: string, quantity: Written, to: Unit): Written | undefined {
  const [numerator, denominator] = conversionRatio(quantity.unit, to);
  let value: number | undefined = quantity.value;
  if (denominator === 1) {
    pad.lines.push(`1 ${quantity.unit.symbol} = ${numerator} ${to.symbol}`);
    value = pad.compute(value, '*', numerator);
  } else if (numerator === 1) {
    pad.lines.push(`1 ${to.symbol} = ${denominator} ${quantity.unit.symbol}`);
    for (const factor of divisorSteps(denominator)) value = value === undefined ? undefined : pad.compute(value, '/', factor);
  } else {
    pad.lines.push(`1 ${quantity.unit.symbol} = ${numerator}/${denominator} ${to.symbol}`);
    value = pad.compute(value, '*', numerator);
    for (const factor of divisorSteps(denominator)) value = value === undefined ? undefined : pad.compute(value, '/', factor);
  }
  if (value === undefined) return undefined;
  const result = { value, unit: to };
  pad.lines.push(`${symbol} = ${written(result)}`);
  return result;
}

/** One given short: the formulas up to the first that needs the missing given, which is named, then the decline. */
function declineTrace(parsed: ParsedPhysics): SolveTrace | undefined {
  const { kind, missing } = parsed;
  if (!kind || missing === undefined) return undefined;
  const lines: string[] = [];
  for (const formula of kind.formulas) {
    lines.push(formula.formula);
    if (formula.operations.some((operation) => operation[0] === missing || operation[2] === missing)) {
      return { lines: [...lines, `${missing} is not given`], answer: PHYSICS_DECLINE, mode: 'none', mistakes: [] };
    }
  }
  return undefined;
}

/** How many arithmetic blocks a trace has (so a slip can be placed in one of them). */
function countBlocks(parsed: ParsedPhysics): number {
  const operations = parsed.kind?.formulas.reduce((sum, formula) => sum + formula.operations.length, 0) ?? 0;
  const last = parsed.kind ? unitOf((parsed.kind.formulas.at(-1) as Formula).unit) : parsed.givens[0]?.unit;
  if (!last || last === parsed.ask) return operations;
  const [numerator, denominator] = conversionRatio(last, parsed.ask);
  return operations + (denominator === 1 ? 1 : (numerator === 1 ? 0 : 1) + divisorSteps(denominator).length);
}

/**
 * The scratchpad for a physics question whose givens are in the units its formulas expect (every generated problem);
 * `immediate` slips one arithmetic result and fixes it, other modes write it straight. Undefined when it cannot be written.
 */
export function physicsSolveTrace(question: string, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  const parsed = parsePhysicsQuestion(question);
  if (!parsed) return undefined;
  if (parsed.unanswerable) return declineTrace(parsed);
  const slipBlock = mode === 'immediate' ? random.int(0, Math.max(0, countBlocks(parsed) - 1)) : -1;
  const pad = new Pad(slipBlock, random);
  let result: Written | undefined;
  let symbol: string;
  if (parsed.kind) {
    const values = new Map<string, Written>();
    for (const [index, given] of parsed.givens.entries()) {
      if (given.unit.symbol !== parsed.kind.givens[index]?.unit) return undefined;
      values.set(given.symbol, { value: given.value, unit: given.unit });
    }
    for (const formula of parsed.kind.formulas) {
      result = workFormula(pad, formula, values);
      if (!result) return undefined;
    }
    symbol = (parsed.kind.formulas.at(-1) as Formula).symbol;
  } else {
    const given = parsed.givens[0];
    if (!given) return undefined;
    result = { value: given.value, unit: given.unit };
    symbol = given.symbol;
    pad.lines.push(`${symbol} = ${written(result)}`);
  }
  if (result && result.unit !== parsed.ask) result = convert(pad, symbol, result, parsed.ask);
  if (!result) return undefined;
  return { lines: pad.lines, answer: written(result), mode: pad.slipped ? mode : 'none', mistakes: pad.mistakes };
}
