/** @module The numeric validators: command options (CLI flags, bench flags) and request fields, INVALID_ARGUMENT naming the one at fault. */
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

/** The range a numeric request field accepts. */
export interface FieldRules {
  integer?: boolean;
  minimum: number;
  maximum?: number;
}

/** Checks a numeric request field (`temperature`, `n`); throws INVALID_ARGUMENT naming it unless it is in range. */
export function checkNumberField(value: number | undefined, name: string, rules: FieldRules): void {
  if (value === undefined) return;
  const { integer = false, minimum, maximum } = rules;
  if (Number.isFinite(value) && value >= minimum && (maximum === undefined || value <= maximum) && (!integer || Number.isInteger(value)))
    return;
  const range = maximum === undefined ? `≥ ${minimum}` : `in [${minimum}, ${maximum}]`;
  throw new SlowthinkError(
    ERROR_CODES.INVALID_ARGUMENT,
    `Expected \`${name}\` to be ${integer ? 'an integer' : 'a number'} ${range}, got ${value}`,
    {
      param: name,
    },
  );
}
