import { describe, expect, it } from 'vitest';
import { corruptNumber, corruptResult } from './mistakes.js';
import { createRandom } from './random.js';

describe('mistakes', () => {
  it('never returns the right value and keeps the sign and size plausible', () => {
    const random = createRandom(1);
    for (const value of [0, 1, 7, 10, 99, 100, 2776, 17350, 20126, -21, -1998]) {
      for (let trial = 0; trial < 200; trial++) {
        const wrong = corruptNumber(value, random);
        expect(wrong).not.toBe(value);
        expect(Math.sign(wrong) * Math.sign(value)).toBeGreaterThanOrEqual(0);
        expect(String(Math.abs(wrong)).length).toBeGreaterThanOrEqual(String(Math.abs(value)).length);
        expect(String(Math.abs(wrong)).length).toBeLessThanOrEqual(String(Math.abs(value)).length + 1);
      }
    }
  });

  it('sometimes drops a zero of a place-value product or loses a minus sign', () => {
    const random = createRandom(2);
    const products = Array.from({ length: 200 }, () => corruptResult('347*50', 17350, random));
    expect(products).toContain(1735);
    expect(products).not.toContain(17350);
    const differences = Array.from({ length: 200 }, () => corruptResult('21-42', -21, random));
    expect(differences).toContain(21);
    expect(differences).not.toContain(-21);
  });
});
