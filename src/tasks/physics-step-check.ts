/** @module The exact process checker for physics lines: formulas and substitutions by dimension, conversion lines by their exact ratio. */
import { type Dimension, findUnit, sameDimension, UNITS, unitOf } from './physics-units.js';

const dimension = (symbol: string): Dimension => unitOf(symbol).dimension;

/** The dimensions a scratchpad symbol may have (`V` is a voltage or a volume). */
const SYMBOLS: Record<string, readonly Dimension[]> = {
  d: [dimension('m')],
  h: [dimension('m')],
  t: [dimension('s')],
  v: [dimension('m/s')],
  u: [dimension('m/s')],
  a: [dimension('m/s^2')],
  g: [dimension('m/s^2')],
  m: [dimension('kg')],
  F: [dimension('N')],
  W: [dimension('J')],
  E: [dimension('J')],
  KE: [dimension('J')],
  PE: [dimension('J')],
  P: [dimension('W')],
  V: [dimension('V'), dimension('m^3')],
  I: [dimension('A')],
  R: [dimension('ohm')],
  rho: [dimension('kg/m^3')],
};

const NONE: Dimension = [0, 0, 0, 0];
const UNIT_SYMBOLS = UNITS.map((unit) => unit.symbol)
  .sort((a, b) => b.length - a.length)
  .map((symbol) => symbol.replace(/[/^]/g, '\\$&'))
  .join('|');
const TOKEN = new RegExp(String.raw`\s*(?:(\d+(?:\.\d+)?)(?:\s+(${UNIT_SYMBOLS})(?![\w^]))?|([A-Za-z]+)|(\^\s*-?\d+)|([-+*/()]))`, 'y');

type Token = { kind: 'quantity'; dimension: Dimension; unit: boolean } | { kind: 'symbol'; name: string } | { kind: 'op'; text: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) return /^\s*$/.test(text.slice(TOKEN.lastIndex)) ? tokens : undefined;
    if (match[1] !== undefined) {
      const unit = match[2] === undefined ? undefined : findUnit(match[2]);
      tokens.push({ kind: 'quantity', dimension: unit?.dimension ?? NONE, unit: unit !== undefined });
    } else if (match[3] !== undefined) tokens.push({ kind: 'symbol', name: match[3] });
    else tokens.push({ kind: 'op', text: (match[4] ?? match[5] ?? '').replace(/\s+/g, '') });
  }
  return tokens;
}

const combine = (a: Dimension, b: Dimension, sign: 1 | -1): Dimension =>
  a.map((exponent, index) => exponent + sign * (b[index] ?? 0)) as unknown as Dimension;

/**
 * The dimension of an expression over quantities and symbols, for every reading of the ambiguous symbols (`V`); an
 * empty list when a sum adds unlike dimensions or the text is not such an expression.
 */
function dimensionsOf(tokens: readonly Token[]): Dimension[] {
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (text: string): boolean => {
    const token = peek();
    return token?.kind === 'op' && token.text === text;
  };
  const expression = (): Dimension[] => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      position++;
      const right = term();
      left = left.filter((a) => right.some((b) => sameDimension(a, b)));
    }
    return left;
  };
  const term = (): Dimension[] => {
    let left = power();
    while (isOp('*') || isOp('/')) {
      const sign = (tokens[position++] as { text: string }).text === '*' ? 1 : -1;
      const right = power();
      left = left.flatMap((a) => right.map((b) => combine(a, b, sign)));
    }
    return left;
  };
  const power = (): Dimension[] => {
    const base = primary();
    const token = peek();
    if (token?.kind !== 'op' || !token.text.startsWith('^')) return base;
    position++;
    const exponent = Number(token.text.slice(1));
    return base.map((dimension) => dimension.map((value) => value * exponent) as unknown as Dimension);
  };
  const primary = (): Dimension[] => {
    const token = tokens[position++];
    if (!token) return [];
    if (token.kind === 'quantity') return [token.dimension];
    if (token.kind === 'symbol') return [...(SYMBOLS[token.name] ?? [])];
    if (token.text === '(') {
      const inner = expression();
      return isOp(')') && ++position ? inner : [];
    }
    return [];
  };
  const result = expression();
  return position === tokens.length ? result : [];
}

/** `1 m/s = 18/5 km/h`: the exact ratio between the units, or false. */
function checkConversion(from: string, ratio: string, to: string): boolean | undefined {
  const [source, target] = [findUnit(from), findUnit(to)];
  if (!source || !target) return undefined;
  if (!sameDimension(source.dimension, target.dimension)) return false;
  const [numerator, denominator = '1'] = ratio.split('/').map(Number);
  // 1 from = p/q to  <=>  from.factor = p/q * to.factor (factors are exact fractions of SI).
  return source.factor[0] * (denominator as number) * target.factor[1] === (numerator as number) * target.factor[0] * source.factor[1];
}

/**
 * True when a physics line is right, false when it is wrong, undefined when it is not a physics line (equations
 * without units, other tasks' lines). Recognised: `SYM = formula` over physics symbols, `SYM = quantities` with at least
 * one unit, and `1 unit = ratio unit`.
 */
export function checkPhysicsStep(line: string): boolean | undefined {
  const text = line.trim();
  const conversion = /^1 (\S+) = (\d+(?:\/\d+)?) (\S+)$/.exec(text);
  if (conversion) return checkConversion(conversion[1] ?? '', conversion[2] ?? '', conversion[3] ?? '');
  const definition = /^([A-Za-z]+) = (.+)$/.exec(text);
  const expected = definition ? SYMBOLS[definition[1] ?? ''] : undefined;
  if (!definition || !expected) return undefined;
  const tokens = tokenize(definition[2] ?? '');
  if (!tokens) return undefined;
  const hasUnit = tokens.some((token) => token.kind === 'quantity' && token.unit);
  const symbols = tokens.filter((token) => token.kind === 'symbol');
  // `t = t + 1` is an update (a program's), not a physics definition.
  if (symbols.some((token) => token.name === definition[1])) return undefined;
  // A formula is symbols and plain numbers (`m*v^2/2`); a substitution is quantities only (`8 kg * (5 m/s)^2 / 2`).
  const formula = symbols.length > 0 && symbols.every((token) => token.name in SYMBOLS);
  if (hasUnit ? symbols.length > 0 : !formula) return undefined;
  const dimensions = dimensionsOf(tokens);
  return dimensions.some((found) => expected.some((want) => sameDimension(found, want)));
}
