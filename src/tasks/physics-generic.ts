/** @module The generic physics phrasing (givens listed by name) that answerable and unanswerable problems share, so it is no cue to decline. */
import type { Kind } from './physics-formulas.js';

/** How a given is named in a list (`g = 10 m/s^2` keeps its label, which binds it to g). */
const GIVEN_NOUNS: Record<string, string> = {
  d: 'a distance of {q}',
  h: 'a height of {q}',
  t: 'a time of {q}',
  v: 'a speed of {q}',
  u: 'a starting speed of {q}',
  a: 'an acceleration of {q}',
  g: 'g = {q}',
  m: 'a mass of {q}',
  F: 'a force of {q}',
  E: 'an energy of {q}',
  V: 'a voltage of {q}',
  I: 'a current of {q}',
  R: 'a resistance of {q}',
  rho: 'a density of {q}',
};

/** What the question asks for, by the kind's last formula symbol and kind. */
const TARGET_NOUNS: Record<string, string> = {
  speed: 'speed',
  distance: 'distance',
  time: 'time',
  acceleration: 'acceleration',
  force: 'net force',
  weight: 'weight',
  mass: 'mass',
  work: 'work done',
  'kinetic-energy': 'kinetic energy',
  'potential-energy': 'potential energy',
  power: 'power',
  voltage: 'voltage',
  current: 'current',
  resistance: 'resistance',
  'electric-power': 'electric power',
  density: 'density',
  'mass-from-density': 'mass',
  'force-then-speed': 'final speed',
  'acceleration-then-force': 'net force',
  'force-then-work': 'work done',
  'work-then-power': 'power',
  'kinetic-then-power': 'average power',
  'potential-then-power': 'power',
  'current-then-power': 'power',
  'voltage-then-power': 'power',
};

/** Generic templates (`{list}` the givens, `{noun}` the asked quantity); the last is held out of training. */
export const GENERIC_PHRASINGS: readonly string[] = [
  'Given {list}, what is the {noun} in {unit}?',
  'An object has {list}. Find the {noun} in {unit}.',
  'With {list}, how large is the {noun}, in {unit}?',
];

/** Givens a generic question may leave out: one whose dimension no other given shares (never `g`, `u` or `v` of a speed change). */
export function droppable(kind: Kind): string[] {
  return kind.givens
    .filter((given) => given.symbol !== 'g' && kind.givens.filter((other) => other.unit === given.unit).length === 1)
    .map((given) => given.symbol);
}

/** `a, b and c`. */
const listOf = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The generic question for a kind's givens (as written, `12 m/s`), one of them possibly left out. */
export function genericQuestion(kind: Kind, written: Record<string, string>, unit: string, phrasing: number, leaveOut?: string): string {
  const hasStart = kind.givens.some((given) => given.symbol === 'u');
  const noun = (symbol: string, unit: string): string => {
    if (symbol === 'V' && unit !== 'V') return 'a volume of {q}';
    if (symbol === 'v' && hasStart) return 'a final speed of {q}';
    return GIVEN_NOUNS[symbol] ?? '{q}';
  };
  const items = kind.givens
    .filter((given) => given.symbol !== leaveOut)
    .map((given) => noun(given.symbol, given.unit).replace('{q}', written[given.symbol] ?? ''));
  return (GENERIC_PHRASINGS[phrasing] as string)
    .replace('{list}', listOf(items))
    .replace('{noun}', TARGET_NOUNS[kind.id] ?? 'answer')
    .replace('{unit}', unit);
}
