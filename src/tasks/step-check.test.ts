import { describe, expect, it } from 'vitest';
import { checkStep, parseStep } from './step-check.js';

describe('checkStep', () => {
  it('checks plain equations', () => {
    expect(checkStep('347*8=2776')).toBe(true);
    expect(checkStep('347*8=2786')).toBe(false);
    expect(checkStep('2776+17350=20126')).toBe(true);
    expect(checkStep('21-42=-21')).toBe(true);
    expect(checkStep(' 3-(-33)=36 ')).toBe(true);
  });

  it('reads search annotations and verdicts', () => {
    expect(checkStep('25+50=75 [3,7,75]')).toBe(true);
    expect(checkStep('68-3=65 no')).toBe(true);
    expect(checkStep('68-3=64 no')).toBe(false);
    expect(checkStep('347*8=2786 wrong')).toBe(true);
    expect(checkStep('347*8=2776 wrong')).toBe(false);
    expect(checkStep('347*8=2776 right')).toBe(true);
    expect(parseStep('25+50=75 [3,7,75]')).toEqual({ equation: '25+50=75', left: '25+50', right: 75, remaining: [3, 7, 75] });
  });

  it('returns undefined for lines that are not equations', () => {
    for (const line of ['Wait, let me check.', '', 'A: 5', '=5', 'x=5', '<think>']) expect(checkStep(line), line).toBeUndefined();
    expect(checkStep('7/0=1')).toBe(false);
  });
});
