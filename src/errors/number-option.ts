/** @module The one validator of numeric command options (CLI flags, bench flags): a number or INVALID_ARGUMENT naming the option. */
import { ERROR_CODES, SlowthinkError } from './index.js';

/** What a numeric option accepts; `example` becomes the hint. */
export interface NumberRules {
  integer?: boolean;
  minimum: number;
  exclusive?: boolean;
  maximum?: number;
  example?: string;
}

/** Parses a numeric option; throws INVALID_ARGUMENT naming the option for non-numbers, out-of-range values and non-integers. */
export function parseNumberOption(flag: string, value: string, rules: NumberRules): number;
export function parseNumberOption(flag: string, value: string | boolean | undefined, rules: NumberRules): number | undefined;
export function parseNumberOption(flag: string, value: string | boolean | undefined, rules: NumberRules): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  const low = rules.exclusive ? number <= rules.minimum : number < rules.minimum;
  if (
    !Number.isFinite(number) ||
    low ||
    (rules.maximum !== undefined && number > rules.maximum) ||
    (rules.integer && !Number.isInteger(number))
  ) {
    const kind = rules.integer ? 'a whole number' : 'a number';
    const range = `${rules.exclusive ? '>' : '≥'} ${rules.minimum}${rules.maximum === undefined ? '' : ` and ≤ ${rules.maximum}`}`;
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--${flag} must be ${kind} ${range}, got "${String(value)}"`, {
      ...(rules.example === undefined ? {} : { hint: `Example: --${flag} ${rules.example}` }),
      param: flag,
    });
  }
  return number;
}
