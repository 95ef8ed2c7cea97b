/** @module Realistic arithmetic slips (a digit off by one, a lost carry, swapped digits) for self-correction and check data. */
import type { Random } from './random.js';

/** Returns a plausible wrong value for `value` (never equal to it, same sign). */
export function corruptNumber(value: number, random: Random): number {
  const magnitude = Math.abs(value);
  const digits = String(magnitude);
  for (let attempt = 0; attempt < 10; attempt++) {
    let wrong: number;
    const roll = random.next();
    if (roll < 0.2 && digits.length >= 2) {
      const index = random.int(0, digits.length - 2);
      const swapped = digits.slice(0, index) + digits[index + 1] + digits[index] + digits.slice(index + 2);
      wrong = Number(swapped);
    } else {
      // A carry error or a slipped digit changes one place by one; lower places are likelier.
      const place = digits.length === 1 ? 0 : Math.min(digits.length - 1, Math.floor(random.next() * random.next() * digits.length));
      const step = 10 ** place;
      wrong = magnitude + (random.chance(0.5) ? step : -step);
    }
    if (wrong !== magnitude && wrong > 0 && String(wrong).length >= digits.length - (digits.length > 1 ? 0 : 1)) {
      return value < 0 ? -wrong : wrong;
    }
  }
  return value < 0 ? value - 1 : value + 1;
}

/** A plausible wrong result for an equation's left side: a digit slip, or a dropped zero / lost sign where those fit. */
export function corruptResult(expression: string, value: number, random: Random): number {
  if (/\*\d*0$/.test(expression) && value % 10 === 0 && random.chance(0.25)) return value / 10;
  if (value < 0 && random.chance(0.3)) return -value;
  return corruptNumber(value, random);
}
