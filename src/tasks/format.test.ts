import { describe, expect, it } from 'vitest';
import { formatCheck, formatDirect, formatSolve, normalizeQuestion, parseCompletion } from './format.js';

describe('format', () => {
  it('writes solve, direct and check examples in the contract format', () => {
    expect(formatSolve('What is 2+3?', ['2+3=5'], '5')).toEqual({ prompt: 'What is 2+3?\n', completion: '<think>\n2+3=5\n</think>\nA: 5' });
    expect(formatDirect('2+3', '5')).toEqual({ prompt: '2+3\n', completion: '<think>\n</think>\nA: 5' });
    expect(formatCheck('347*8=2776', true)).toEqual({ prompt: 'Check: 347*8=2776\n', completion: 'right' });
    expect(formatCheck('347*8=2786', false).completion).toBe('wrong');
  });

  it('parses completions with and without the prefilled <think>', () => {
    expect(parseCompletion('<think>\n2+3=5\n</think>\nA: 5')).toEqual({ thinking: '2+3=5', answer: '5' });
    expect(parseCompletion('2+3=5\n</think>\nA: -12\n')).toEqual({ thinking: '2+3=5', answer: '-12' });
    expect(parseCompletion('<think>\n</think>\nA: 50+25-7-6')).toEqual({ thinking: '', answer: '50+25-7-6' });
    expect(parseCompletion('<think>\n2+3=5\nstill thinking')).toEqual({ thinking: '2+3=5\nstill thinking' });
    expect(parseCompletion('<think>\n2+3=5\n</think>\n')).toEqual({ thinking: '2+3=5' });
  });

  it('normalizes user questions', () => {
    expect(normalizeQuestion('  What is 347 × 58? ')).toBe('What is 347 * 58?');
    expect(normalizeQuestion('347x58')).toBe('347*58');
    expect(normalizeQuestion('2x3x4')).toBe('2*3*4');
    expect(normalizeQuestion('(2+3) x (4−1)')).toBe('(2+3) * (4-1)');
    expect(normalizeQuestion('What is\t12\n+  7?')).toBe('What is 12 + 7?');
    expect(normalizeQuestion('Is x 3 the box?')).toBe('Is x 3 the box?');
    expect(normalizeQuestion('Max 3 boxes')).toBe('Max 3 boxes');
    expect(normalizeQuestion("what's 12+7?")).toBe('What is 12+7?');
    expect(normalizeQuestion('COMPUTE 3*4')).toBe('Compute 3*4');
    expect(normalizeQuestion('whatsoever 3')).toBe('whatsoever 3');
    expect(normalizeQuestion('Use 3, 7, 25, 50 to make 62.')).toBe('Use 3, 7, 25, 50 to make 62.');
    expect(normalizeQuestion('using 3, 7, 25 and 50, make 62')).toBe('Use 3, 7, 25, 50 to make 62.');
    expect(normalizeQuestion('Use 4 5 6 to reach 26!')).toBe('Use 4, 5, 6 to make 26.');
    expect(normalizeQuestion('Use the stairs to make 3 trips.')).toBe('Use the stairs to make 3 trips.');
  });
});
