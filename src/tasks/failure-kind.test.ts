import { describe, expect, it } from 'vitest';
import { buildArithmeticTrace } from './arithmetic-trace.js';
import { columnWork } from './column-work.js';
import { parseExpression } from './expression.js';
import { classifyArithmeticFailure } from './failure-kind.js';

/** A correct scratchpad as the generator writes it (equations with their column work), optionally edited. */
function scratchpad(expression: string): string {
  const { lines } = buildArithmeticTrace(parseExpression(expression)!);
  return lines.flatMap((line) => (line.plan ? [line.text] : [...columnWork(line.expression), line.text])).join('\n');
}

describe('classifyArithmeticFailure', () => {
  it('names the first line that goes wrong', () => {
    // Real greedy failures of slowthink-mini at level 4.
    const precedence = scratchpad('336-8*(61-42)'); // computes 336-152 where the question adds
    expect(classifyArithmeticFailure('336+8*(61-42)', precedence, '184')).toBe('structure');
    const dropped = scratchpad('26*411').replace('2466+8220', '246+8220').replace('=10686', '=8466');
    expect(classifyArithmeticFailure('26 * 411 =', dropped, '8466')).toBe('operand-copy');
    expect(classifyArithmeticFailure('175-(38+21)*6', '38+21=59\n59*69=59*9+59*60\n59*9=531', '4071')).toBe('operand-copy');
    expect(classifyArithmeticFailure('9*(93+81)-71', '93+81=174\n9*174=1566\n156-71=1485', '1485')).toBe('operand-copy');
    expect(classifyArithmeticFailure('9*(93+81)-71', '93+81=174\n9*174=1566\n1566-71=1485', '1485')).toBe('equation');
    expect(classifyArithmeticFailure('347*8', '347*8:\n7*8=54 >4\n4*8+5=37 >74\n3*8+3=27 >2774\n347*8=2774', '2774')).toBe('digit-fact');
    expect(classifyArithmeticFailure('347*8', '347*8:\n7*8=56 >6\n4*8+5=37 >76\n3*8+3=27 >2776\n347*8=2766', '2766')).toBe('result-copy');
    expect(classifyArithmeticFailure('347*8', '347*8:\n7*8=56 >6\n4*8+5=37 >67\n3*8+3=27 >2767\n347*8=2767', '2767')).toBe(
      'column-partial',
    );
    const placed = scratchpad('411*26').replace('411*20=8220', '411*20=8200');
    expect(classifyArithmeticFailure('411*26', placed, '10666')).toBe('result-copy');
    const negative = scratchpad('23-26').replace('23-26=-3', '23-26=-4');
    expect(classifyArithmeticFailure('23-26', negative, '-4')).toBe('result-copy');
    expect(classifyArithmeticFailure('347*8', scratchpad('347*8'), '2767')).toBe('answer-copy');
    expect(classifyArithmeticFailure('347*8', scratchpad('347*8'), '')).toBe('no-answer');
  });
  it('skips a slip the trace itself caught and fixed', () => {
    const corrected = '12+7=20\nWait, let me check.\n12+7=20 wrong\n12+7=19\n19*3=57\n57-4=53';
    expect(classifyArithmeticFailure('(12+7)*3-4', corrected, '54')).toBe('answer-copy');
    expect(classifyArithmeticFailure('(12+7)*3-4', '12+7=20\n20*3=60\n60-4=56', '56')).toBe('equation');
  });
});
