import { describe, expect, it } from 'vitest';
import { chainPrefix, isFinalLine, lineOfSample, unresolvedWrongLines } from './step-lines.js';

describe('step lines', () => {
  it('ends the thinking at an empty line, a </think> tag or an answer line, not at an equation', () => {
    expect(isFinalLine('')).toBe(true);
    expect(isFinalLine('</think>')).toBe(true);
    expect(isFinalLine('Answer: 42')).toBe(true);
    expect(isFinalLine('A: 42')).toBe(true);
    expect(isFinalLine('6*7=42')).toBe(false);
    expect(isFinalLine('Wait, let me check.')).toBe(false);
  });

  it('reads the line from native reasoning first, else the text', () => {
    expect(lineOfSample({ reasoning: '6*7=42', text: '' })).toBe('6*7=42');
    expect(lineOfSample({ text: ' 6*7=42 \nmore' })).toBe('6*7=42');
  });

  it('builds a prefix that ends each line with a newline', () => {
    expect(chainPrefix([])).toBe('');
    expect(chainPrefix(['a', 'b'])).toBe('a\nb\n');
  });

  it('counts a flagged line as unresolved unless a later line takes it back with "wrong"', () => {
    const lines = ['6*7=43', 'Wait, let me check.', '6*7=43 wrong', '6*7=42', '42+1=44'];
    expect(unresolvedWrongLines(lines, ['6*7=43', '42+1=44'])).toEqual([4]);
    expect(unresolvedWrongLines(['6*7=43', '43+1=44'], ['6*7=43'])).toEqual([0]);
  });
});
