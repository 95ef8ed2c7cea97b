/** @module The one-formula physics kinds: givens, number draws that keep the arithmetic exact, phrasings. */
import {
  ACCELERATION,
  CURRENT,
  DENSITY,
  DISTANCE,
  DIVISOR,
  ELECTRIC_POWER,
  exactDivision,
  FORCE,
  G,
  given,
  KINETIC,
  type Kind,
  MASS_FROM_DENSITY,
  MASS_FROM_FORCE,
  POTENTIAL,
  POWER,
  RESISTANCE,
  SPEED,
  TIME,
  VOLTAGE,
  WEIGHT,
  WORK,
} from './physics-formulas.js';

/** The one-formula kinds (level 1; level 2 asks their answer in another unit). */
export const FORMULA_KINDS: readonly Kind[] = [
  {
    id: 'speed',
    topic: 'kinematics',
    givens: given('d:m', 't:s'),
    formulas: [SPEED],
    draw: (random) => exactDivision(random, 2, 40),
    phrasings: [
      'A car travels {d} in {t}. What is its average speed in {unit}?',
      'A runner covers {d} in {t}. Find the speed of the runner in {unit}.',
      'How fast, in {unit}, does a train move if it goes {d} in {t}?',
    ],
  },
  {
    id: 'distance',
    topic: 'kinematics',
    givens: given('v:m/s', 't:s'),
    formulas: [DISTANCE],
    draw: (random) => [random.int(2, 40), random.int(2, 60)],
    phrasings: [
      'A cyclist rides at {v} for {t}. How far does the cyclist go, in {unit}?',
      'A boat moves at a steady {v} for {t}. What distance does it cover in {unit}?',
      'Find the distance in {unit} that a bus covers in {t} at a speed of {v}.',
    ],
  },
  {
    id: 'time',
    topic: 'kinematics',
    givens: given('d:m', 'v:m/s'),
    formulas: [TIME],
    draw: (random) => {
      const [v, t] = [random.int(2, DIVISOR), random.int(2, 40)];
      return [v * t, v];
    },
    phrasings: [
      'How long, in {unit}, does it take a car to travel {d} at {v}?',
      'A walker needs to cover {d} at a speed of {v}. How much time does it take, in {unit}?',
      'A drone flies {d} at a steady {v}. For how long is it flying, in {unit}?',
    ],
  },
  {
    id: 'acceleration',
    topic: 'kinematics',
    givens: given('u:m/s', 'v:m/s', 't:s'),
    formulas: [ACCELERATION],
    draw: (random) => {
      const [u, a, t] = [random.int(1, 20), random.int(1, 9), random.int(2, 12)];
      return [u, u + a * t, t];
    },
    phrasings: [
      'A car speeds up from {u} to {v} in {t}. What is its acceleration in {unit}?',
      'The speed of a sled goes from {u} to {v} during {t}. Find its acceleration in {unit}.',
      'A scooter moving at {u} reaches {v} after {t}. What is the acceleration, in {unit}?',
    ],
  },
  {
    id: 'force',
    topic: 'force-energy',
    givens: given('m:kg', 'a:m/s^2'),
    formulas: [FORCE],
    draw: (random) => [random.int(2, 90), random.int(1, 15)],
    phrasings: [
      'A {m} cart accelerates at {a}. What net force acts on it, in {unit}?',
      'What force, in {unit}, is needed to give a {m} box an acceleration of {a}?',
      'A {m} sled speeds up with an acceleration of {a}. Find the net force on it in {unit}.',
    ],
  },
  {
    id: 'weight',
    topic: 'force-energy',
    givens: given('m:kg', 'g:m/s^2'),
    formulas: [WEIGHT],
    draw: (random) => [random.int(2, 300), G],
    phrasings: [
      'What is the weight, in {unit}, of a {m} crate? Take g = {g}.',
      'A {m} bag hangs from a hook. With g = {g}, what force does it pull with, in {unit}?',
      'Find the weight in {unit} of a {m} statue, taking g = {g}.',
    ],
  },
  {
    id: 'mass',
    topic: 'force-energy',
    givens: given('F:N', 'a:m/s^2'),
    formulas: [MASS_FROM_FORCE],
    draw: (random) => {
      const [m, a] = [random.int(2, 60), random.int(2, 12)];
      return [m * a, a];
    },
    phrasings: [
      'A net force of {F} gives a cart an acceleration of {a}. What is its mass in {unit}?',
      'A box accelerates at {a} when pushed with a net force of {F}. Find its mass in {unit}.',
      'What mass, in {unit}, does a net force of {F} accelerate at {a}?',
    ],
  },
  {
    id: 'work',
    topic: 'force-energy',
    givens: given('F:N', 'd:m'),
    formulas: [WORK],
    draw: (random) => [random.int(2, 200), random.int(2, 50)],
    phrasings: [
      'A worker pushes a crate with a force of {F} across {d}. How much work is done, in {unit}?',
      'A rope pulls a sled {d} with a steady force of {F}. Find the work done in {unit}.',
      'What work, in {unit}, does a force of {F} do when it moves a cart {d}?',
    ],
  },
  {
    id: 'kinetic-energy',
    topic: 'force-energy',
    givens: given('m:kg', 'v:m/s'),
    formulas: [KINETIC],
    draw: (random) => {
      const v = random.int(2, 16);
      const m = v % 2 === 0 ? random.int(2, 40) : 2 * random.int(1, 20);
      return [m, v];
    },
    phrasings: [
      'A {m} ball moves at {v}. What is its kinetic energy in {unit}?',
      'Find the kinetic energy, in {unit}, of a {m} cart rolling at {v}.',
      'How much kinetic energy, in {unit}, does a {m} dog running at {v} have?',
    ],
  },
  {
    id: 'potential-energy',
    topic: 'force-energy',
    givens: given('m:kg', 'h:m', 'g:m/s^2'),
    formulas: [POTENTIAL],
    draw: (random) => [random.int(2, 60), random.int(2, 40), G],
    phrasings: [
      'A {m} box is lifted {h} up. How much potential energy does it gain, in {unit}? Take g = {g}.',
      'A {m} climber goes up {h}. With g = {g}, find the gain in potential energy in {unit}.',
      'What potential energy, in {unit}, does a {m} rock gain when raised {h}, if g = {g}?',
    ],
  },
  {
    id: 'power',
    topic: 'force-energy',
    givens: given('E:J', 't:s'),
    formulas: [POWER],
    draw: (random) => exactDivision(random, 2, 300),
    phrasings: [
      'A motor does {E} of work in {t}. What is its power in {unit}?',
      'A lamp uses {E} of energy in {t}. Find its power in {unit}.',
      'What power, in {unit}, does a pump deliver if it does {E} of work in {t}?',
    ],
  },
  {
    id: 'voltage',
    topic: 'electricity',
    givens: given('I:A', 'R:ohm'),
    formulas: [VOLTAGE],
    draw: (random) => [random.int(1, 12), random.int(2, 99)],
    phrasings: [
      'A current of {I} flows through a {R} resistor. What is the voltage across it, in {unit}?',
      'Find the voltage in {unit} across a {R} resistor that carries {I}.',
      'What voltage, in {unit}, drives {I} through a resistance of {R}?',
    ],
  },
  {
    id: 'current',
    topic: 'electricity',
    givens: given('V:V', 'R:ohm'),
    formulas: [CURRENT],
    draw: (random) => exactDivision(random, 1, 12),
    phrasings: [
      'A {V} battery is connected to a {R} resistor. What current flows, in {unit}?',
      'Find the current in {unit} through a {R} resistor with {V} across it.',
      'What current, in {unit}, does a voltage of {V} drive through {R}?',
    ],
  },
  {
    id: 'resistance',
    topic: 'electricity',
    givens: given('V:V', 'I:A'),
    formulas: [RESISTANCE],
    draw: (random) => {
      const [i, r] = [random.int(1, 12), random.int(2, 60)];
      return [i * r, i];
    },
    phrasings: [
      'A voltage of {V} drives a current of {I} through a heater. What is its resistance in {unit}?',
      'Find the resistance in {unit} of a wire that carries {I} when {V} is across it.',
      'What resistance, in {unit}, lets {V} push exactly {I} through it?',
    ],
  },
  {
    id: 'electric-power',
    topic: 'electricity',
    givens: given('V:V', 'I:A'),
    formulas: [ELECTRIC_POWER],
    draw: (random) => [random.int(2, 240), random.int(1, 12)],
    phrasings: [
      'A heater runs on {V} and draws {I}. What is its power in {unit}?',
      'Find the power in {unit} of a motor that takes {I} at {V}.',
      'What power, in {unit}, does a lamp use at {V} with a current of {I}?',
    ],
  },
  {
    id: 'density',
    topic: 'density',
    givens: given('m:g', 'V:cm^3'),
    formulas: [DENSITY],
    draw: (random) => exactDivision(random, 1, 20),
    phrasings: [
      'A block has a mass of {m} and a volume of {V}. What is its density in {unit}?',
      'Find the density in {unit} of a stone of mass {m} that takes up {V}.',
      'A {m} piece of metal has a volume of {V}. How dense is it, in {unit}?',
    ],
  },
  {
    id: 'mass-from-density',
    topic: 'density',
    givens: given('rho:g/cm^3', 'V:cm^3'),
    formulas: [MASS_FROM_DENSITY],
    draw: (random) => [random.int(1, 20), random.int(2, 60)],
    phrasings: [
      'A liquid has a density of {rho}. What is the mass of {V} of it, in {unit}?',
      'Find the mass in {unit} of a {V} block made of a metal of density {rho}.',
      'How much mass, in {unit}, is in {V} of a material whose density is {rho}?',
    ],
  },
];
