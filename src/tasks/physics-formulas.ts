/** @module The physics formulas as integer operations (`KE = m*v^2/2` is `v*v`, `m*_`, `_/2`), and the shapes of problem kinds. */
import { MAX_WORKED_DIVISOR } from './column-work.js';
import type { Random } from './random.js';

/** A quantity the question gives, in the unit the generator writes it. */
export interface Given {
  symbol: string;
  unit: string;
}

/** The givens of a kind, each written `symbol:unit` (`given('F:N', 'm:kg')`), in the order its draw returns them. */
export function given(...pairs: readonly string[]): Given[] {
  return pairs.map((pair) => {
    const [symbol = '', unit = ''] = pair.split(':');
    return { symbol, unit };
  });
}

/** One operation of a formula: operands are symbols, `_` (the previous result) or integer literals. */
export type Operation = readonly [string, '+' | '-' | '*' | '/', string];

/** One formula: `KE = m*v^2/2`, substituted as `8 kg * (5 m/s)^2 / 2`, worked as `v*v`, `_*m`, `_/2`. */
export interface Formula {
  symbol: string;
  unit: string;
  formula: string;
  /** The substitution with `{symbol}` standing for the quantity as written (`12 m/s`). */
  substitute: string;
  operations: readonly Operation[];
}

/** A problem shape: a formula or a chain of two, with its phrasings (the last one is held out of training). */
export interface Kind {
  id: string;
  topic: 'kinematics' | 'force-energy' | 'electricity' | 'density' | 'conversion';
  givens: readonly Given[];
  formulas: readonly Formula[];
  /** Integer values of the givens (in order) that make every operation exact. */
  draw(random: Random): number[];
  /** Question templates: `{symbol}` is a given as written, `{unit}` the asked unit. */
  phrasings: readonly string[];
}

/** g in m/s^2, given in every question that uses it. */
export const G = 10;
/** Every divisor a draw makes is at most this: the arithmetic task writes long division only up to it. */
export const DIVISOR = MAX_WORKED_DIVISOR;

/** A draw of a dividend and its divisor (2 … DIVISOR): the quotient, drawn first in [low, high], is exact. */
export function exactDivision(random: Random, low: number, high: number): number[] {
  const [quotient, divisor] = [random.int(low, high), random.int(2, DIVISOR)];
  return [quotient * divisor, divisor];
}

const formula = (symbol: string, unit: string, text: string, substitute: string, operations: Operation[]): Formula => ({
  symbol,
  unit,
  formula: `${symbol} = ${text}`,
  substitute,
  operations,
});

export const SPEED = formula('v', 'm/s', 'd/t', '{d} / {t}', [['d', '/', 't']]);
export const DISTANCE = formula('d', 'm', 'v*t', '{v} * {t}', [['v', '*', 't']]);
export const TIME = formula('t', 's', 'd/v', '{d} / {v}', [['d', '/', 'v']]);
export const ACCELERATION = formula('a', 'm/s^2', '(v-u)/t', '({v} - {u}) / {t}', [
  ['v', '-', 'u'],
  ['_', '/', 't'],
]);
export const FORCE = formula('F', 'N', 'm*a', '{m} * {a}', [['m', '*', 'a']]);
export const WEIGHT = formula('F', 'N', 'm*g', '{m} * {g}', [['m', '*', 'g']]);
export const MASS_FROM_FORCE = formula('m', 'kg', 'F/a', '{F} / {a}', [['F', '/', 'a']]);
export const ACCELERATION_FROM_FORCE = formula('a', 'm/s^2', 'F/m', '{F} / {m}', [['F', '/', 'm']]);
export const SPEED_FROM_REST = formula('v', 'm/s', 'a*t', '{a} * {t}', [['a', '*', 't']]);
export const WORK = formula('W', 'J', 'F*d', '{F} * {d}', [['F', '*', 'd']]);
export const KINETIC = formula('KE', 'J', 'm*v^2/2', '{m} * ({v})^2 / 2', [
  ['v', '*', 'v'],
  ['m', '*', '_'],
  ['_', '/', '2'],
]);
export const POTENTIAL = formula('PE', 'J', 'm*g*h', '{m} * {g} * {h}', [
  ['m', '*', 'g'],
  ['_', '*', 'h'],
]);
export const POWER = formula('P', 'W', 'E/t', '{E} / {t}', [['E', '/', 't']]);
export const VOLTAGE = formula('V', 'V', 'I*R', '{I} * {R}', [['I', '*', 'R']]);
export const CURRENT = formula('I', 'A', 'V/R', '{V} / {R}', [['V', '/', 'R']]);
export const RESISTANCE = formula('R', 'ohm', 'V/I', '{V} / {I}', [['V', '/', 'I']]);
export const ELECTRIC_POWER = formula('P', 'W', 'V*I', '{V} * {I}', [['V', '*', 'I']]);
export const DENSITY = formula('rho', 'g/cm^3', 'm/V', '{m} / {V}', [['m', '/', 'V']]);
export const MASS_FROM_DENSITY = formula('m', 'g', 'rho*V', '{rho} * {V}', [['rho', '*', 'V']]);

/** The chained second formula reads the first one's result under the symbol the chain names (`E` is the work or energy). */
export const chained = (second: Formula, renames: Record<string, string>): Formula => ({
  ...second,
  substitute: Object.entries(renames).reduce((text, [from, to]) => text.replace(`{${from}}`, `{${to}}`), second.substitute),
  operations: second.operations.map(([left, operator, right]) => [renames[left] ?? left, operator, renames[right] ?? right] as const),
  formula: Object.entries(renames).reduce((text, [from, to]) => text.replace(new RegExp(`\\b${from}\\b`), to), second.formula),
});
