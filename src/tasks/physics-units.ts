/** @module Units for the physics task: dimensions, exact conversion factors, and parsing `12 m/s` / `43.2 kilometers per hour`. */

/** Exponents of metre, kilogram, second and ampere. */
export type Dimension = readonly [number, number, number, number];

/** A unit as written in questions and scratchpads (ASCII: `m/s^2`, `ohm`). */
export interface Unit {
  symbol: string;
  /** Spelled-out names accepted in answers (case-insensitive). */
  names: readonly string[];
  dimension: Dimension;
  /** The unit in SI as an exact fraction `[numerator, denominator]` (`km/h` is 5/18 m/s). */
  factor: readonly [number, number];
}

const LENGTH: Dimension = [1, 0, 0, 0];
const MASS: Dimension = [0, 1, 0, 0];
const TIME: Dimension = [0, 0, 1, 0];
const CURRENT: Dimension = [0, 0, 0, 1];
const SPEED: Dimension = [1, 0, -1, 0];
const ACCELERATION: Dimension = [1, 0, -2, 0];
const FORCE: Dimension = [1, 1, -2, 0];
const ENERGY: Dimension = [2, 1, -2, 0];
const POWER: Dimension = [2, 1, -3, 0];
const VOLTAGE: Dimension = [2, 1, -3, -1];
const RESISTANCE: Dimension = [2, 1, -3, -2];
const VOLUME: Dimension = [3, 0, 0, 0];
const DENSITY: Dimension = [-3, 1, 0, 0];

/** Plural and British spellings of a name: `meter` → meter, meters, metre, metres. */
const spell = (...names: string[]): string[] =>
  names.flatMap((name) => {
    const forms = [name, `${name}s`];
    if (name.includes('meter')) forms.push(name.replace('meter', 'metre'), `${name.replace('meter', 'metre')}s`);
    return forms;
  });

const per = (numerators: string[], denominator: string): string[] => numerators.map((name) => `${name} per ${denominator}`);

/** Every unit the task writes or accepts. */
export const UNITS: readonly Unit[] = [
  { symbol: 'm', names: spell('meter'), dimension: LENGTH, factor: [1, 1] },
  { symbol: 'km', names: spell('kilometer'), dimension: LENGTH, factor: [1000, 1] },
  { symbol: 'cm', names: spell('centimeter'), dimension: LENGTH, factor: [1, 100] },
  { symbol: 'mm', names: spell('millimeter'), dimension: LENGTH, factor: [1, 1000] },
  { symbol: 's', names: [...spell('second'), 'sec', 'secs'], dimension: TIME, factor: [1, 1] },
  { symbol: 'min', names: [...spell('minute'), 'mins'], dimension: TIME, factor: [60, 1] },
  { symbol: 'h', names: [...spell('hour'), 'hr', 'hrs'], dimension: TIME, factor: [3600, 1] },
  { symbol: 'kg', names: spell('kilogram'), dimension: MASS, factor: [1, 1] },
  { symbol: 'g', names: spell('gram'), dimension: MASS, factor: [1, 1000] },
  {
    symbol: 'm/s',
    names: [...per(spell('meter'), 'second'), ...spell('meter').map((name) => `${name}/second`), 'm s^-1', 'm/sec', 'mps'],
    dimension: SPEED,
    factor: [1, 1],
  },
  {
    symbol: 'km/h',
    names: [...per(spell('kilometer'), 'hour'), ...spell('kilometer').map((name) => `${name}/hour`), 'kph', 'km/hr', 'kmh', 'km/hour'],
    dimension: SPEED,
    factor: [5, 18],
  },
  { symbol: 'cm/s', names: per(spell('centimeter'), 'second'), dimension: SPEED, factor: [1, 100] },
  {
    symbol: 'm/s^2',
    names: [...per(spell('meter'), 'second squared'), ...per(spell('meter'), 'second per second'), 'm/s2', 'm s^-2', 'm/s/s'],
    dimension: ACCELERATION,
    factor: [1, 1],
  },
  { symbol: 'cm/s^2', names: [...per(spell('centimeter'), 'second squared'), 'cm/s2'], dimension: ACCELERATION, factor: [1, 100] },
  { symbol: 'N', names: [...spell('newton'), 'kg m/s^2', 'kg*m/s^2'], dimension: FORCE, factor: [1, 1] },
  { symbol: 'kN', names: spell('kilonewton'), dimension: FORCE, factor: [1000, 1] },
  { symbol: 'J', names: [...spell('joule'), 'N m', 'N*m', 'Nm'], dimension: ENERGY, factor: [1, 1] },
  { symbol: 'kJ', names: spell('kilojoule'), dimension: ENERGY, factor: [1000, 1] },
  { symbol: 'W', names: spell('watt'), dimension: POWER, factor: [1, 1] },
  { symbol: 'kW', names: spell('kilowatt'), dimension: POWER, factor: [1000, 1] },
  { symbol: 'V', names: spell('volt'), dimension: VOLTAGE, factor: [1, 1] },
  { symbol: 'kV', names: spell('kilovolt'), dimension: VOLTAGE, factor: [1000, 1] },
  { symbol: 'mV', names: spell('millivolt'), dimension: VOLTAGE, factor: [1, 1000] },
  { symbol: 'A', names: [...spell('ampere'), ...spell('amp')], dimension: CURRENT, factor: [1, 1] },
  { symbol: 'mA', names: [...spell('milliampere'), ...spell('milliamp')], dimension: CURRENT, factor: [1, 1000] },
  { symbol: 'ohm', names: [...spell('ohm'), 'Ohm', 'Ohms', '\u03a9', '\u2126'], dimension: RESISTANCE, factor: [1, 1] },
  {
    symbol: 'kohm',
    names: [...spell('kilohm'), ...spell('kiloohm'), 'k\u03a9', 'k\u2126', 'kOhm', 'kOhms'],
    dimension: RESISTANCE,
    factor: [1000, 1],
  },
  { symbol: 'm^3', names: [...spell('cubic meter'), 'm3'], dimension: VOLUME, factor: [1, 1] },
  { symbol: 'cm^3', names: [...spell('cubic centimeter'), 'cm3', 'cc'], dimension: VOLUME, factor: [1, 1_000_000] },
  { symbol: 'L', names: [...spell('liter'), ...spell('litre'), 'l'], dimension: VOLUME, factor: [1, 1000] },
  { symbol: 'mL', names: [...spell('milliliter'), ...spell('millilitre'), 'ml'], dimension: VOLUME, factor: [1, 1_000_000] },
  { symbol: 'kg/m^3', names: [...per(spell('kilogram'), 'cubic meter'), 'kg/m3'], dimension: DENSITY, factor: [1, 1] },
  { symbol: 'g/cm^3', names: [...per(spell('gram'), 'cubic centimeter'), 'g/cm3', 'g/mL', 'g/ml'], dimension: DENSITY, factor: [1000, 1] },
];

const BY_SYMBOL = new Map(UNITS.map((unit) => [unit.symbol, unit]));
const BY_NAME = new Map(UNITS.flatMap((unit) => unit.names.map((name) => [name.toLowerCase(), unit] as const)));

/** The unit with this symbol; throws for a symbol the table lacks (a bug in a generator, never user input). */
export function unitOf(symbol: string): Unit {
  const unit = BY_SYMBOL.get(symbol);
  if (!unit) throw new Error(`unknown unit symbol ${symbol}`);
  return unit;
}

/** Finds a unit by symbol (case-sensitive: `mA` is not `MA`) or by name (case-insensitive); undefined when unknown. */
export function findUnit(text: string): Unit | undefined {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return BY_SYMBOL.get(trimmed) ?? BY_NAME.get(trimmed.toLowerCase());
}

/** A unit symbol or name inside running text, longest first so `m/s^2` wins over `m/s` and `m`. */
export const UNIT_PATTERN = [...new Set(UNITS.flatMap((unit) => [unit.symbol, ...unit.names]))]
  .sort((a, b) => b.length - a.length)
  .map((text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  .join('|');

export const sameDimension = (a: Dimension, b: Dimension): boolean => a.every((exponent, index) => exponent === b[index]);

/** A signature that names a dimension (`m1 kg0 s-1 A0` → `m s^-1`). */
export function dimensionKey(dimension: Dimension): string {
  const parts = ['m', 'kg', 's', 'A'].flatMap((base, index) => {
    const exponent = dimension[index] ?? 0;
    return exponent === 0 ? [] : [exponent === 1 ? base : `${base}^${exponent}`];
  });
  return parts.length > 0 ? parts.join(' ') : '1';
}

/** A number with a unit, its value in SI. */
export interface Quantity {
  value: number;
  unit: Unit;
  /** The value in SI units (`43.2 km/h` → 12). */
  si: number;
}

const NUMBER = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+`;
const QUANTITY = new RegExp(String.raw`^(${NUMBER})\s*(${UNIT_PATTERN})?$`, 'i');
/** `12 m/s` inside running text (a unit must follow the number and end at a word boundary). */
export const QUANTITY_IN_TEXT = new RegExp(String.raw`(?<![\w.])(${NUMBER})\s*(${UNIT_PATTERN})(?![\w^/])`, 'gi');

/** Writes typeset units in the ASCII the tables use: `m/s²` → `m/s^2`, `cm³` → `cm^3`, `Ω` → `ohm`, `·` → space. */
export function asciiUnits(text: string): string {
  return text
    .replace(/\u00b2/g, '^2')
    .replace(/\u00b3/g, '^3')
    .replace(/\s*[\u03a9\u2126]/g, ' ohm')
    .replace(/\bk ohm\b/g, 'kohm')
    .replace(/\u00b7/g, ' ');
}

/** Parses a number in the forms answers use: `1,200`, `12.0`, `1.2e3`. */
export function parseNumber(text: string): number | undefined {
  if (!new RegExp(`^(?:${NUMBER})$`).test(text.trim())) return undefined;
  const value = Number(text.trim().replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** `12 m/s`, `12.0 meters per second`, `43.2 km/h`; a bare number parses with no unit. Undefined for anything else. */
export function parseQuantity(text: string): { value: number; unit?: Unit } | undefined {
  const match = QUANTITY.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const value = parseNumber(match[1] ?? '');
  if (value === undefined) return undefined;
  if (match[2] === undefined) return { value };
  const unit = findUnit(match[2]);
  return unit ? { value, unit } : undefined;
}

/** The SI value of `value` in `unit`. */
export const toSi = (value: number, unit: Unit): number => (value * unit.factor[0]) / unit.factor[1];

/** The value of an SI amount in `unit`. */
export const fromSi = (si: number, unit: Unit): number => (si * unit.factor[1]) / unit.factor[0];

/** Equal up to float rounding (a relative 1e-9): exact answers only, `43.2 km/h` is 12 m/s but 12.1 m/s is not. */
export const closeEnough = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);

/** A number as the scratchpad and answers write it: no float noise (`0.1+0.2` → `0.3`), no exponent for usual sizes. */
export function formatNumber(value: number): string {
  const rounded = Number(value.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** The exact ratio between two units of one dimension as a reduced fraction: `m/s` to `km/h` is 18/5. */
export function conversionRatio(from: Unit, to: Unit): [number, number] {
  const numerator = from.factor[0] * to.factor[1];
  const denominator = from.factor[1] * to.factor[0];
  const divisor = gcd(numerator, denominator);
  return [numerator / divisor, denominator / divisor];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
