import { describe, expect, it } from 'vitest';
import { answersEquivalent, normalizeAnswer } from './answers-equivalent.js';

const equivalent: Array<[string, string]> = [
  ['1,000', '1000'],
  ['1 000', '1000'],
  ['1\\,000', '1000'],
  ['+5', '5'],
  ['-0', '0'],
  ['0.50', '0.5'],
  ['.5', '0.5'],
  ['1/2', '0.5'],
  ['\\frac{1}{2}', '0.5'],
  ['\\dfrac12', '1/2'],
  ['\\tfrac{1}{2}', '0.5'],
  ['-\\frac{3}{4}', '-0.75'],
  ['1e-3', '0.001'],
  ['2\\sqrt{2}', '\\sqrt{8}'],
  ['2\\sqrt{2}', 'sqrt(8)'],
  ['2*sqrt(2)', '\\sqrt{8}'],
  ['(1+sqrt(5))/2', '\\frac{1+\\sqrt5}{2}'],
  ['\\frac{\\sqrt{3}}{2}', '\\frac{1}{2}\\sqrt{3}'],
  ['50%', '50\\%'],
  ['5\\text{ cm}', '5'],
  ['$5$', '5'],
  ['\\$18', '18'],
  ['18 dollars', '18'],
  ['90^\\circ', '90'],
  ['90^{\\circ}', '90'],
  ['\\pi', 'pi'],
  ['\\infty', '\\infty'],
  ['(1, 2)', '(1,2)'],
  ['\\left( 1, 2 \\right)', '(1,2)'],
  ['\\{1,2\\}', '\\{2,1\\}'],
  ['1, 2', '2, 1'],
  ['x = 5', '5'],
  ['\\boxed{7}', '7'],
  ['\\text{Yes}', 'yes'],
  ['x^2+2x+1', '(x+1)^2'],
  ['\\sin^2 x + \\cos^2 x', '1'],
  ['y = 2x + 1', '1 + 2x'],
];

const different: Array<[string, string]> = [
  ['1000000007', '1000000008'],
  ['12345678901234567890', '12345678901234567891'],
  ['0.333', '1/3'],
  ['2\\sqrt{2}', '\\sqrt{2}'],
  ['12', '1.2'],
  ['-5', '5'],
  ['3.14159', '\\pi'],
  ['(1,2)', '(2,1)'],
  ['[0,1)', '[0,1]'],
  ['50%', '0.5'],
  ['50%', '50'],
  ['x^2+1', '(x+1)^2'],
  ['', ''],
  ['yes', 'no'],
];

describe('answersEquivalent', () => {
  it.each(equivalent)('%s equals %s', (a, b) => {
    expect(answersEquivalent(a, b)).toBe(true);
    expect(answersEquivalent(b, a)).toBe(true);
  });

  it.each(different)('%s differs from %s', (a, b) => {
    expect(answersEquivalent(a, b)).toBe(false);
    expect(answersEquivalent(b, a)).toBe(false);
  });

  it('accepts a percentage as its number or its fraction only in lenient mode', () => {
    expect(answersEquivalent('50%', '50', { percent: 'lenient' })).toBe(true);
    expect(answersEquivalent('0.5', '50\\%', { percent: 'lenient' })).toBe(true);
    expect(answersEquivalent('50%', '5', { percent: 'lenient' })).toBe(false);
  });

  it('never throws on garbage', () => {
    for (const garbage of ['\\frac{', '}}}{{{', '\\sqrt', '((((', '1/0', '\\boxed{', 'x==', '\u0000', 'a'.repeat(5000)]) {
      expect(() => answersEquivalent(garbage, '1')).not.toThrow();
      expect(() => normalizeAnswer(garbage)).not.toThrow();
    }
    expect(answersEquivalent('1/0', '1/0')).toBe(true);
    expect(answersEquivalent('1/0', '2/0')).toBe(false);
    expect(answersEquivalent(undefined as unknown as string, '1')).toBe(false);
  });

  it('answers pathological inputs quickly and without float false positives', () => {
    const deep = `${'\\sqrt{'.repeat(500)}2${'}'.repeat(500)}`;
    answersEquivalent('\\sqrt{2}', '1');
    const start = performance.now();
    expect(answersEquivalent(deep, '1')).toBe(false);
    expect(answersEquivalent(`${'1+'.repeat(3000)}1`, '3001')).toBe(false);
    expect(performance.now() - start).toBeLessThan(300);
  });

  it('compares plain integers fast, without the computer-algebra system', () => {
    const start = performance.now();
    for (let index = 0; index < 20000; index += 1) answersEquivalent(String(index), String(index + 1));
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('normalizeAnswer', () => {
  it.each([
    ['1,000', '1000'],
    ['-0', '0'],
    ['\\dfrac12', '1/2'],
    ['0.50', '1/2'],
    ['\\frac{3}{6}', '1/2'],
    ['(1, 2)', '(1,2)'],
    ['\\{2,1\\}', '{1,2}'],
    ['Yes', 'yes'],
    ['50\\%', '50%'],
  ])('%s becomes %s', (answer, expected) => {
    expect(normalizeAnswer(answer)).toBe(expected);
  });

  it('gives equivalent radicals the same vote key', () => {
    expect(normalizeAnswer('\\sqrt{8}')).toBe(normalizeAnswer('2\\sqrt{2}'));
    expect(normalizeAnswer('sqrt(8)')).toBe(normalizeAnswer('2\\sqrt{2}'));
    expect(normalizeAnswer('\\sqrt{2}')).not.toBe(normalizeAnswer('2\\sqrt{2}'));
  });
});
