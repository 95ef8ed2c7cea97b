/** @module The two-formula physics kinds (level 3), the held-out shapes, and the units conversions ask for. */
import {
  ACCELERATION,
  ACCELERATION_FROM_FORCE,
  CURRENT,
  chained,
  DIVISOR,
  ELECTRIC_POWER,
  exactDivision,
  FORCE,
  G,
  given,
  KINETIC,
  type Kind,
  POTENTIAL,
  POWER,
  SPEED_FROM_REST,
  VOLTAGE,
  WORK,
} from './physics-formulas.js';

/** The two-formula kinds (level 3): the second formula reads the first one's result. */
export const CHAIN_KINDS: readonly Kind[] = [
  {
    id: 'force-then-speed',
    topic: 'force-energy',
    givens: given('F:N', 'm:kg', 't:s'),
    formulas: [ACCELERATION_FROM_FORCE, SPEED_FROM_REST],
    draw: (random) => {
      const [m, a, t] = [random.int(2, DIVISOR), random.int(1, 9), random.int(2, 15)];
      return [m * a, m, t];
    },
    phrasings: [
      'A net force of {F} pushes a {m} cart from rest for {t}. What speed does it reach, in {unit}?',
      'A {m} sled starts at rest and a net force of {F} acts on it for {t}. Find its final speed in {unit}.',
      'Starting from rest, a {m} puck feels a net force of {F} for {t}. How fast is it going then, in {unit}?',
    ],
  },
  {
    id: 'acceleration-then-force',
    topic: 'force-energy',
    givens: given('m:kg', 'u:m/s', 'v:m/s', 't:s'),
    formulas: [ACCELERATION, FORCE],
    draw: (random) => {
      const [m, u, a, t] = [random.int(2, 60), random.int(1, 15), random.int(1, 9), random.int(2, 10)];
      return [m, u, u + a * t, t];
    },
    phrasings: [
      'A {m} cart speeds up from {u} to {v} in {t}. What net force acts on it, in {unit}?',
      'The speed of a {m} sled goes from {u} to {v} within {t}. Find the net force on it in {unit}.',
      'What net force, in {unit}, takes a {m} scooter from {u} to {v} in {t}?',
    ],
  },
  {
    id: 'force-then-work',
    topic: 'force-energy',
    givens: given('m:kg', 'a:m/s^2', 'd:m'),
    formulas: [FORCE, WORK],
    draw: (random) => [random.int(2, 40), random.int(1, 9), random.int(2, 30)],
    phrasings: [
      'A {m} crate is pushed with an acceleration of {a} along {d}. How much work does the net force do, in {unit}?',
      'A net force accelerates a {m} cart at {a} while it moves {d}. Find the work done in {unit}.',
      'What work, in {unit}, does the net force do on a {m} box that accelerates at {a} for {d}?',
    ],
  },
  {
    id: 'work-then-power',
    topic: 'force-energy',
    givens: given('F:N', 'd:m', 't:s'),
    formulas: [WORK, chained(POWER, { E: 'W' })],
    draw: (random) => {
      const [f, t, k] = [random.int(2, 100), random.int(2, DIVISOR), random.int(1, 10)];
      return [f, t * k, t];
    },
    phrasings: [
      'A winch pulls a load {d} with a force of {F} in {t}. What is its power in {unit}?',
      'A force of {F} moves a crate {d} in {t}. Find the power in {unit}.',
      'What power, in {unit}, does a worker need to push a cart {d} with a force of {F} in {t}?',
    ],
  },
  {
    id: 'kinetic-then-power',
    topic: 'force-energy',
    givens: given('m:kg', 'v:m/s', 't:s'),
    formulas: [KINETIC, chained(POWER, { E: 'KE' })],
    draw: (random) => {
      const v = random.int(2, 12);
      const m = v % 2 === 0 ? random.int(2, 30) : 2 * random.int(1, 15);
      const energy = (m * v * v) / 2;
      const times = [2, 3, 4, 5, 6, 8, 10, 12].filter((t) => energy % t === 0);
      return [m, v, times.length > 0 ? random.pick(times) : 1];
    },
    phrasings: [
      'A motor brings a {m} cart from rest to {v} in {t}. What is its average power in {unit}?',
      'In {t}, an engine takes a {m} kart from rest to {v}. Find the average power in {unit}.',
      'What average power, in {unit}, speeds a {m} ball from rest to {v} in {t}?',
    ],
  },
  {
    id: 'potential-then-power',
    topic: 'force-energy',
    givens: given('m:kg', 'h:m', 't:s', 'g:m/s^2'),
    formulas: [POTENTIAL, chained(POWER, { E: 'PE' })],
    draw: (random) => {
      const [m, h] = [random.int(2, 50), random.int(2, 30)];
      const times = [2, 4, 5, 8, 10].filter((t) => (m * G * h) % t === 0);
      return [m, h, random.pick(times), G];
    },
    phrasings: [
      'A crane lifts a {m} load {h} up in {t}. What is its power in {unit}? Take g = {g}.',
      'A {m} climber goes up {h} in {t}. With g = {g}, find the power in {unit}.',
      'What power, in {unit}, lifts a {m} bucket {h} in {t}, if g = {g}?',
    ],
  },
  {
    id: 'current-then-power',
    topic: 'electricity',
    givens: given('V:V', 'R:ohm'),
    formulas: [CURRENT, ELECTRIC_POWER],
    draw: (random) => exactDivision(random, 1, 12),
    phrasings: [
      'A {V} supply is connected to a {R} heater. What power does the heater use, in {unit}?',
      'Find the power in {unit} used by a {R} resistor with {V} across it.',
      'What power, in {unit}, does a {R} lamp draw from a {V} battery?',
    ],
  },
  {
    id: 'voltage-then-power',
    topic: 'electricity',
    givens: given('I:A', 'R:ohm'),
    formulas: [VOLTAGE, ELECTRIC_POWER],
    draw: (random) => [random.int(1, 12), random.int(2, 60)],
    phrasings: [
      'A current of {I} flows through a {R} resistor. What power does it use, in {unit}?',
      'Find the power in {unit} used by a {R} heater that carries {I}.',
      'What power, in {unit}, does a {R} coil take when {I} flows through it?',
    ],
  },
];

/** The level-3 chain kept out of training (`split: 'held-out-shapes'` draws only this one at level 3). */
export const HELD_OUT_CHAIN = 'kinetic-then-power';
/** The level-2 topic whose conversions training never sees. */
export const HELD_OUT_CONVERSION_TOPIC = 'density';

/** Units a level-2 question may ask for instead of the formula's own unit. */
export const ALTERNATIVE_UNITS: Record<string, readonly string[]> = {
  'm/s': ['km/h', 'cm/s'],
  m: ['km', 'cm'],
  s: ['min'],
  N: ['kN'],
  kg: ['g'],
  J: ['kJ'],
  W: ['kW'],
  V: ['kV', 'mV'],
  A: ['mA'],
  ohm: ['kohm'],
  'g/cm^3': ['kg/m^3'],
  g: ['kg'],
};

/** Unit pairs of the conversion kind (level 1). */
export const CONVERSIONS: ReadonlyArray<readonly [string, string]> = [
  ['km', 'm'],
  ['m', 'cm'],
  ['m', 'km'],
  ['cm', 'mm'],
  ['min', 's'],
  ['h', 'min'],
  ['kg', 'g'],
  ['g', 'kg'],
  ['km/h', 'm/s'],
  ['m/s', 'km/h'],
  ['kJ', 'J'],
  ['J', 'kJ'],
  ['kW', 'W'],
  ['A', 'mA'],
  ['mA', 'A'],
  ['kohm', 'ohm'],
  ['L', 'mL'],
  ['L', 'cm^3'],
  ['g/cm^3', 'kg/m^3'],
  ['kN', 'N'],
];

/** Conversion phrasings (`{x}` the quantity, `{unit}` the asked unit); the last is held out of training. */
export const CONVERSION_PHRASINGS: readonly string[] = ['Convert {x} to {unit}.', 'How many {unit} are in {x}?', 'Express {x} in {unit}.'];

/** The symbol a conversion names its quantity by, per unit dimension key. */
export const CONVERSION_SYMBOLS: Record<string, string> = {
  m: 'd',
  s: 't',
  kg: 'm',
  'm s^-1': 'v',
  'm^2 kg s^-2': 'E',
  'm^2 kg s^-3': 'P',
  A: 'I',
  'm^2 kg s^-3 A^-2': 'R',
  'm^3': 'V',
  'm^-3 kg': 'rho',
  'm kg s^-2': 'F',
};
