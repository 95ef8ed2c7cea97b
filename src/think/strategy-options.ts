/** @module Reading and validating strategy options (one defaults block per strategy, errors that name the option). */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** A whole number option ≥ `minimum`, or the default. */
export function integerOption(options: Record<string, unknown>, name: string, fallback: number, minimum = 1): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new SlowthinkError(
      ERROR_CODES.INVALID_ARGUMENT,
      `Expected option \`${name}\` to be a whole number ≥ ${minimum}, got ${String(value)}`,
      {
        hint: `Pass ${name} as an integer of at least ${minimum}.`,
        param: `options.${name}`,
      },
    );
  }
  return value;
}

/** An optional whole-number option ≥ 1 (undefined when absent). */
export function optionalIntegerOption(options: Record<string, unknown>, name: string): number | undefined {
  return options[name] === undefined ? undefined : integerOption(options, name, 1);
}

/** A number option in [minimum, maximum], or the default. */
export function numberOption(options: Record<string, unknown>, name: string, fallback: number, minimum: number, maximum: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || value > maximum) {
    throw new SlowthinkError(
      ERROR_CODES.INVALID_ARGUMENT,
      `Expected option \`${name}\` to be a number in [${minimum}, ${maximum}], got ${String(value)}`,
      {
        hint: `Pass ${name} between ${minimum} and ${maximum}.`,
        param: `options.${name}`,
      },
    );
  }
  return value;
}

/** A boolean option, or the default. */
export function booleanOption(options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`${name}\` to be true or false, got ${String(value)}`, {
      param: `options.${name}`,
    });
  }
  return value;
}

/** A string option, or the default. */
export function stringOption(options: Record<string, unknown>, name: string, fallback: string): string {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`${name}\` to be a non-empty string`, {
      param: `options.${name}`,
    });
  }
  return value;
}

/** The sampling options of an N-sample strategy: `n` (default `defaultN`), `batch` (default: the model's parallelism), `maxTokens`. */
export function samplingOptions(
  options: Record<string, unknown>,
  maxParallel: number,
  defaultN: number,
): { total: number; batch: number; maxTokens: number | undefined } {
  return {
    total: integerOption(options, 'n', defaultN),
    batch: integerOption(options, 'batch', maxParallel || 1),
    maxTokens: optionalIntegerOption(options, 'maxTokens'),
  };
}
