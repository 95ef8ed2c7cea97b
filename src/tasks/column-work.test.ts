import { describe, expect, it } from 'vitest';
import { additionWork, columnWork, digitProductWork, subtractionWork } from './column-work.js';
import { checkStep, parseStep } from './step-check.js';

/** The partial written on the last work line is the result of the operation. */
const lastPartial = (lines: string[]): number => Number(parseStep(lines.at(-1)!)!.partial);

describe('column work', () => {
  it('adds, subtracts and multiplies by a digit column by column, every line a true single-digit fact', () => {
    for (let trial = 0; trial < 300; trial++) {
      const a = Math.floor(Math.random() * 100_000);
      const b = Math.floor(Math.random() * 100_000);
      const digit = 1 + (trial % 9);
      const add = additionWork(a, b);
      const subtract = subtractionWork(Math.max(a, b), Math.min(a, b));
      const multiply = digitProductWork(a + 10, digit);
      expect(lastPartial(add)).toBe(a + b);
      expect(lastPartial(subtract)).toBe(Math.abs(a - b));
      expect(lastPartial(multiply)).toBe((a + 10) * digit);
      for (const line of [...add, ...subtract, ...multiply]) expect(checkStep(line), line).toBe(true);
    }
  });

  it('writes carries and borrows explicitly', () => {
    expect(additionWork(347, 285)).toEqual(['7+5=12 >2', '4+8+1=13 >32', '3+2+1=6 >632']);
    expect(subtractionWork(52, 17)).toEqual(['12-7=5 >5', '5-1-1=3 >35']);
    expect(digitProductWork(347, 8)).toEqual(['7*8=56 >6', '4*8+5=37 >76', '3*8+3=27 >2776']);
  });

  it('writes no work where a line needs none', () => {
    expect(columnWork('3+4')).toEqual([]);
    expect(columnWork('347*58')).toEqual([]);
    expect(columnWork('12/4')).toEqual([]);
  });

  it('opens with a header that restates the operation, and names the larger operand of a negative difference', () => {
    expect(columnWork('347+285')).toEqual(['347+285:', ...additionWork(347, 285)]);
    expect(columnWork('347*50')).toEqual(['347*50:', ...digitProductWork(347, 5)]);
    expect(columnWork('17-52')).toEqual(['17-52: 52>17', ...subtractionWork(52, 17)]);
    for (const header of ['347+285:', '17-52: 52>17']) expect(parseStep(header)).toBeUndefined();
  });

  it('works a chain that went negative on the unsigned operation, named in the header', () => {
    // Level 3 asked `37-57-53`; with no work for `-20-53` the mini guessed it in one step (-101): 7 of its 9 level-3 errors.
    expect(columnWork('-20-53')).toEqual(['-20-53: 20+53', ...additionWork(20, 53)]);
    expect(columnWork('-15+89')).toEqual(['-15+89: 89>15', ...subtractionWork(89, 15)]);
    expect(columnWork('-58+17')).toEqual(['-58+17: 58>17', ...subtractionWork(58, 17)]);
    expect(columnWork('-3+5')).toEqual([]);
    expect(columnWork('-12*3')).toEqual([]);
    for (const header of ['-20-53: 20+53', '-15+89: 89>15']) expect(parseStep(header)).toBeUndefined();
  });

  it('works a product whichever factor is the digit times a power of ten', () => {
    // Long multiplication of 17*79 writes 17*9 and 17*70: the second must get work too, though 70 > 17.
    expect(columnWork('17*70')).toEqual(['17*70:', '7*7=49 >9', '1*7+4=11 >119']);
    expect(columnWork('7*23')).toEqual(['7*23:', ...digitProductWork(23, 7)]);
    expect(columnWork('347*500')).toEqual(['347*500:', ...digitProductWork(347, 5)]);
  });
});
