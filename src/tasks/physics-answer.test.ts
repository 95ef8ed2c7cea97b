import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerKey } from '../verify/index.js';
import { physicsTask } from './physics.js';
import { readPhysicsAnswer } from './physics-answer.js';
import { parsePhysicsQuestion } from './physics-question.js';
import { formatNumber, fromSi, sameDimension, UNITS } from './physics-units.js';

const SPEED = 'A runner covers 360 m in 30 s. Find the speed of the runner in m/s.';
const problems = physicsTask.levels
  .flatMap((level) => [
    ...physicsTask.generate({ seed: 21, count: 100, level }),
    ...physicsTask.generate({ seed: 21, count: 30, level, split: 'held-out-shapes' }),
  ])
  .filter((entry) => !entry.unanswerable);
const problem = fc.constantFrom(...problems);

/** The reference answer written in another unit of the same dimension (a full-precision number, as a model might). */
function inEveryUnit(question: string): string[] {
  const parsed = parsePhysicsQuestion(question);
  if (!parsed) return [];
  return UNITS.filter((unit) => sameDimension(unit.dimension, parsed.ask.dimension)).map(
    (unit) => `${String(fromSi(parsed.si, unit))} ${unit.symbol}`,
  );
}

describe('physics answers: equivalent units and forms', () => {
  it('accepts a speed as 12 m/s, 12 meters per second, 12.0 m/s, 43.2 km/h, and a bare 12 in the asked m/s', () => {
    for (const answer of [
      '12 m/s',
      '12 meters per second',
      '12 metres per second',
      '12.0 m/s',
      '43.2 km/h',
      '1200 cm/s',
      '12',
      'v = 12 m/s',
      '**12 m/s**.',
      '\\boxed{12 \\text{ m/s}}',
      '12m/s',
      '12 Metres per Second',
      '43.2 kilometers/hour',
      '12 m/sec',
    ]) {
      expect(physicsTask.check(SPEED, answer), answer).toBe(true);
    }
  });

  it('rejects wrong magnitudes, wrong dimensions, and a bare number that is the value in another unit', () => {
    for (const answer of ['13 m/s', '12 km/h', '12 m', '12 s', '360 m', '43.2', '12 m/s^2', 'twelve', '', 'm/s', '12 MS']) {
      expect(physicsTask.check(SPEED, answer), answer).toBe(false);
    }
    expect(physicsTask.explain?.(SPEED, '12 m')).toMatch(/m measures m, the question asks for m\/s/);
    expect(physicsTask.explain?.(SPEED, '13 m/s')).toMatch(/value is wrong/);
    expect(physicsTask.explain?.(SPEED, '12 m/s')).toBeUndefined();
  });

  it('a bare number counts in the asked unit: 43.2 is right when the question asks for km/h', () => {
    const question = 'A runner covers 360 m in 30 s. Find the speed of the runner in km/h.';
    expect(physicsTask.check(question, '43.2')).toBe(true);
    expect(physicsTask.check(question, '12')).toBe(false);
    expect(physicsTask.check(question, '12 m/s')).toBe(true);
  });

  it('votes group equivalent answers: 12 m/s and 43.2 km/h share a key, and a bare 12 joins them only when bound to the question', () => {
    const bound = createAnswerKey(physicsTask, { question: SPEED });
    expect(bound.normalize('12 m/s')).toBe(bound.normalize('43.2 km/h'));
    expect(bound.normalize('12 meters per second')).toBe(bound.normalize('12'));
    expect(bound.normalize('12 m/s')).not.toBe(bound.normalize('12 m'));
    expect(bound.normalize('12 m/s')).not.toBe(bound.normalize('12.12 m/s'));
    expect(bound.equivalent('1.2 kJ', '1200 J')).toBe(true);
    const free = createAnswerKey(physicsTask);
    expect(free.normalize('12 m/s')).toBe(free.normalize('43.2 km/h'));
    expect(free.normalize('12')).not.toBe(free.normalize('12 m/s'));
    expect(bound.extract('<think>\nv = 12 m/s\n</think>\nA: 12 m/s')).toBe('12 m/s');
    expect(bound.extract('so v = 12 m/s')).toBe('12 m/s');
    expect(bound.extract("I'm sorry, I cannot solve that.")).toBeUndefined();
  });

  it('reads typeset units: m/s², cm³, Ω and kΩ', () => {
    expect(
      physicsTask.check('A 6 kg cart speeds up from 3 m/s to 15 m/s in 4 s. What is its acceleration in m/s\u00b2?', '3 m/s\u00b2'),
    ).toBe(true);
    expect(physicsTask.check('A current of 2 A flows through a 6 \u03a9 resistor. What is the voltage across it, in V?', '12 V')).toBe(
      true,
    );
    expect(physicsTask.check('A voltage of 12 V drives 2 mA through a heater. What is its resistance in k\u03a9?', '6 k\u03a9')).toBe(true);
    expect(readPhysicsAnswer('3 cm\u00b3')?.unit?.symbol).toBe('cm^3');
  });

  it('parses numbers with separators and exponents, and refuses units it does not know', () => {
    expect(readPhysicsAnswer('1,200 J')).toMatchObject({ value: 1200 });
    expect(readPhysicsAnswer('1.2e3 J')).toMatchObject({ value: 1200 });
    expect(readPhysicsAnswer('1.2 x 10^3 J')).toMatchObject({ value: 1200 });
    expect(readPhysicsAnswer('$1.2 \\times 10^{3}$ N m')).toMatchObject({ value: 1200, unit: { symbol: 'J' } });
    expect(readPhysicsAnswer('24 kg m/s^2')?.unit?.symbol).toBe('N');
    expect(readPhysicsAnswer('12 furlongs')).toBeUndefined();
  });
});

describe('physics answers: properties over generated problems', () => {
  it('every reference answer checks, in its own unit and as a bare number', () => {
    fc.assert(
      fc.property(problem, (entry) => {
        expect(physicsTask.check(entry.question, entry.answer as string)).toBe(true);
        expect(physicsTask.check(entry.question, (entry.answer as string).split(' ')[0] as string)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the answer converted to any other unit of its dimension still checks and votes with the reference', () => {
    fc.assert(
      fc.property(problem, (entry) => {
        const key = createAnswerKey(physicsTask, { question: entry.question });
        const forms = inEveryUnit(entry.question);
        expect(forms.length).toBeGreaterThan(1);
        for (const form of forms) {
          expect(physicsTask.check(entry.question, form), form).toBe(true);
          expect(key.normalize(form)).toBe(key.normalize(entry.answer as string));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a relative 1 % perturbation fails, in the asked unit and in any other', () => {
    fc.assert(
      fc.property(problem, fc.constantFrom(1.01, 0.99), fc.nat(), (entry, factor, pick) => {
        const forms = inEveryUnit(entry.question);
        const form = forms[pick % forms.length] as string;
        const [value, ...unit] = form.split(' ');
        const perturbed = `${formatNumber(Number(value) * factor)} ${unit.join(' ')}`;
        expect(physicsTask.check(entry.question, perturbed), perturbed).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('the right number in a unit of another dimension fails', () => {
    fc.assert(
      fc.property(problem, fc.constantFrom(...UNITS), (entry, unit) => {
        const parsed = parsePhysicsQuestion(entry.question);
        if (!parsed || sameDimension(unit.dimension, parsed.ask.dimension)) return;
        expect(physicsTask.check(entry.question, `${formatNumber(fromSi(parsed.si, unit))} ${unit.symbol}`)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
