/** @module Reads a physics word problem back: its quantities, the unit it asks for, the kind it is, and the exact answer. */
import { normalizeQuestion } from './format.js';
import { CHAIN_KINDS, CONVERSION_SYMBOLS } from './physics-chains.js';
import type { Formula, Kind } from './physics-formulas.js';
import { FORMULA_KINDS } from './physics-kinds.js';
import {
  asciiUnits,
  dimensionKey,
  findUnit,
  parseNumber,
  QUANTITY_IN_TEXT,
  type Quantity,
  sameDimension,
  toSi,
  UNIT_PATTERN,
  type Unit,
} from './physics-units.js';

/** A given quantity bound to the symbol of the formula it feeds. */
export interface BoundQuantity extends Quantity {
  symbol: string;
  /** The quantity as the question writes it (`12 m/s`). */
  text: string;
}

/** A physics question taken apart. `kind` is undefined for a conversion (`Convert 3 km to m.`). */
export interface ParsedPhysics {
  kind?: Kind;
  givens: BoundQuantity[];
  ask: Unit;
  /** The exact answer in SI units (NaN when unanswerable). */
  si: number;
  /**
   * The givens do not determine the asked quantity (`Given a mass of 5 kg, what is the kinetic energy in J?`): the right
   * answer declines. `kind` is then the closest kind, one given short, and `missing` names that given.
   */
  unanswerable?: true;
  missing?: string;
}

const ASK = new RegExp(String.raw`(?:\b(?:in|to|into)|\bhow many)\s+(${UNIT_PATTERN})(?![\w^/])`, 'gi');
const MAX_QUESTION_CHARS = 400;
/** A question may give this many quantities its formula does not use. */
const MAX_EXTRA = 2;

/** The quantities a question gives, in order, and whether each is labelled `g = `. */
function quantitiesIn(question: string): Array<Quantity & { text: string; gravity: boolean }> {
  const found: Array<Quantity & { text: string; gravity: boolean }> = [];
  for (const match of question.matchAll(QUANTITY_IN_TEXT)) {
    const value = parseNumber(match[1] ?? '');
    const unit = findUnit(match[2] ?? '');
    if (value === undefined || !unit) continue;
    const gravity = /\bg\s*=\s*$/.test(question.slice(0, match.index));
    found.push({ value, unit, si: toSi(value, unit), text: match[0], gravity });
  }
  return found;
}

/** The unit asked for: the last `in km/h`, `to m/s` or `how many J` not preceded by a number. */
function askedUnit(question: string): Unit | undefined {
  let unit: Unit | undefined;
  for (const match of question.matchAll(ASK)) {
    const found = findUnit(match[1] ?? '');
    if (found) unit = found;
  }
  return unit;
}

/** The result unit of a kind's last formula, as a unit. */
export const resultUnit = (kind: Kind): Unit => findUnit((kind.formulas.at(-1) as Formula).unit) as Unit;

/**
 * Binds quantities to a kind's givens by dimension, in order (`g = ` only binds to `g`). Every quantity must bind, or with
 * `short` < 0 up to that many may be left over (extra information); with `short` > 0 up to that many givens may stay
 * unbound (their symbols in `missing`). Undefined when they do not fit.
 */
function bind(
  kind: Kind,
  quantities: ReturnType<typeof quantitiesIn>,
  short = 0,
): { bound: BoundQuantity[]; missing: string[] } | undefined {
  const extra = quantities.length - kind.givens.length;
  if (short >= 0 ? extra !== -short : extra < 1 || extra > -short) return undefined;
  const used = new Set<number>();
  const bound: BoundQuantity[] = [];
  const missing: string[] = [];
  for (const given of kind.givens) {
    const expected = findUnit(given.unit) as Unit;
    const index = quantities.findIndex(
      (quantity, position) =>
        !used.has(position) && sameDimension(quantity.unit.dimension, expected.dimension) && quantity.gravity === (given.symbol === 'g'),
    );
    const quantity = quantities[index];
    if (!quantity) {
      missing.push(given.symbol);
      continue;
    }
    used.add(index);
    bound.push({ value: quantity.value, unit: quantity.unit, si: quantity.si, text: quantity.text, symbol: given.symbol });
  }
  return missing.length === Math.max(short, 0) ? { bound, missing } : undefined;
}

/** Applies an operation to SI values. */
function apply(left: number, operator: string, right: number): number {
  if (operator === '+') return left + right;
  if (operator === '-') return left - right;
  if (operator === '*') return left * right;
  return left / right;
}

/** Runs a kind's formulas over SI values; the value of each formula's symbol, last one the answer. */
export function evaluateKind(kind: Kind, values: Map<string, number>): number {
  let result = Number.NaN;
  for (const formula of kind.formulas) {
    let previous = Number.NaN;
    for (const [left, operator, right] of formula.operations) {
      const read = (operand: string): number => (operand === '_' ? previous : (values.get(operand) ?? Number(operand)));
      previous = apply(read(left), operator, read(right));
    }
    result = previous;
    values.set(formula.symbol, result);
  }
  return result;
}

/** All kinds, one-formula ones first. */
export const ALL_KINDS: readonly Kind[] = [...FORMULA_KINDS, ...CHAIN_KINDS];

/**
 * Parses a physics question: a conversion (one quantity, asked in a unit of its dimension) or a kind whose givens the
 * quantities fill by dimension and whose answer has the asked unit's dimension. Quantities and an asked unit that no kind
 * fits make an unanswerable question (with the kind one given short, when there is one). Undefined without either.
 */
export function parsePhysicsQuestion(question: string): ParsedPhysics | undefined {
  const text = asciiUnits(normalizeQuestion(question));
  if (text.length > MAX_QUESTION_CHARS || !/[a-z]/i.test(text)) return undefined;
  const quantities = quantitiesIn(text);
  const ask = askedUnit(text);
  if (!ask || quantities.length === 0) return undefined;
  const only = quantities[0];
  if (quantities.length === 1 && only && !only.gravity && sameDimension(only.unit.dimension, ask.dimension)) {
    const symbol = CONVERSION_SYMBOLS[dimensionKey(ask.dimension)] ?? 'x';
    return { givens: [{ ...only, symbol }], ask, si: only.si };
  }
  // Exactly the givens first; then a question with extra information (a mass given for an acceleration).
  for (const short of [0, -MAX_EXTRA]) {
    for (const kind of ALL_KINDS) {
      if (!sameDimension(resultUnit(kind).dimension, ask.dimension)) continue;
      const givens = bind(kind, quantities, short)?.bound;
      if (!givens) continue;
      const si = evaluateKind(kind, new Map(givens.map((given) => [given.symbol, given.si])));
      if (!Number.isFinite(si)) return undefined;
      return { kind, givens, ask, si };
    }
  }
  for (const kind of ALL_KINDS) {
    if (!sameDimension(resultUnit(kind).dimension, ask.dimension)) continue;
    const partial = bind(kind, quantities, 1);
    if (partial) return { kind, givens: partial.bound, ask, si: Number.NaN, unanswerable: true, missing: partial.missing[0] as string };
  }
  return { givens: [], ask, si: Number.NaN, unanswerable: true };
}

/** A surface-independent key: the kind, the givens in SI and the asked unit (`physics:speed:360,12>m/s`). */
export function physicsProblemKey(question: string): string | undefined {
  const parsed = parsePhysicsQuestion(question);
  if (!parsed) return undefined;
  const givens = parsed.givens.map((given) => `${given.symbol}=${given.si}`).join(',');
  if (parsed.unanswerable) return `physics:unanswerable:${parsed.kind?.id ?? normalizeQuestion(question)}:${givens}>${parsed.ask.symbol}`;
  return `physics:${parsed.kind?.id ?? 'conversion'}:${givens}>${parsed.ask.symbol}`;
}
