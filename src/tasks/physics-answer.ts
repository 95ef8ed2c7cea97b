/** @module Unit-aware physics answers: `12 m/s`, `12 meters per second` and `43.2 km/h` are one answer; a bare number is read in the asked unit. */
import type { AnswerKey } from '../spec/verifier.js';
import { findFinalAnswer, isRefusal } from './final-answer.js';
import type { ParsedPhysics } from './physics-question.js';
import { asciiUnits, closeEnough, dimensionKey, fromSi, parseQuantity, sameDimension, toSi, type Unit } from './physics-units.js';

/** The answer the scratchpad gives when a needed quantity is not given. */
export const PHYSICS_DECLINE = 'cannot be determined';
const DECLINE =
  /\b(?:cannot|can't|can not|could not|couldn't)\s+be\s+(?:determined|found|computed|calculated|answered)\b|\bnot\s+enough\s+(?:information|data)\b|\binsufficient\s+(?:information|data)\b|\bis\s+not\s+given\b|\bundetermined\b/i;

/** Does an answer decline (`cannot be determined`, `not enough information`, a refusal) instead of stating a quantity? */
export function isPhysicsDecline(answer: string): boolean {
  return DECLINE.test(answer) || isRefusal(answer);
}

/** The quantity an answer states, after the last `=` and without markup (`v = **12 m/s**.` → 12 m/s). */
export function readPhysicsAnswer(answer: string): { value: number; unit?: Unit } | undefined {
  const stated = asciiUnits(answer.split('=').at(-1) ?? answer)
    .replace(/\\(?:text|mathrm)\s*\{([^{}]*)\}/g, ' $1')
    .replace(/\\(?:boxed|fbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/[$`*_]|\\[,!;]/g, '')
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\b(?:about|approximately|approx\.?|exactly)\s+/gi, '')
    .replace(/(\d(?:\.\d+)?)\s*(?:x|\u00d7|\*|\\times)\s*10\s*\^\s*\{?(-?\d+)\}?/g, '$1e$2')
    .trim()
    .replace(/[.!;:,]+$/, '');
  return parseQuantity(stated);
}

/** Is `candidate` the answer (in SI: `si`) to a question asking for `ask`? A bare number is read in `ask`. */
export function physicsAnswerMatches(parsed: Pick<ParsedPhysics, 'ask' | 'si' | 'unanswerable'>, candidate: string): boolean {
  if (parsed.unanswerable) return isPhysicsDecline(candidate);
  const quantity = readPhysicsAnswer(candidate);
  if (!quantity) return false;
  if (!quantity.unit) return closeEnough(quantity.value, fromSi(parsed.si, parsed.ask));
  return sameDimension(quantity.unit.dimension, parsed.ask.dimension) && closeEnough(toSi(quantity.value, quantity.unit), parsed.si);
}

/** Why a candidate is wrong (`a length, not a speed`), or undefined when it is right. */
export function explainPhysicsAnswer(
  parsed: Pick<ParsedPhysics, 'ask' | 'si' | 'unanswerable' | 'missing'>,
  candidate: string,
): string | undefined {
  if (physicsAnswerMatches(parsed, candidate)) return undefined;
  if (parsed.unanswerable) {
    return `the question does not give ${parsed.missing === undefined ? 'what the answer needs' : parsed.missing}, so no answer is right`;
  }
  const quantity = readPhysicsAnswer(candidate);
  if (!quantity) return `not a number with a unit (the question asks for ${parsed.ask.symbol})`;
  if (quantity.unit && !sameDimension(quantity.unit.dimension, parsed.ask.dimension)) {
    return `${quantity.unit.symbol} measures ${dimensionKey(quantity.unit.dimension)}, the question asks for ${parsed.ask.symbol} (${dimensionKey(parsed.ask.dimension)})`;
  }
  return `the value is wrong for ${parsed.ask.symbol}`;
}

/** A vote key: the SI value to 10 significant digits and the dimension (`43.2 km/h` → `12 m s^-1`). */
function keyOf(answer: string, ask: Unit | undefined): string {
  const quantity = readPhysicsAnswer(answer);
  if (!quantity) return answer.trim();
  const unit = quantity.unit ?? ask;
  if (!unit) return String(Number(quantity.value.toPrecision(10)));
  return `${Number(toSi(quantity.value, unit).toPrecision(10))} ${dimensionKey(unit.dimension)}`;
}

/** The quantity on a completion's last line when it states one (`v = 12 m/s`), for completions without an answer line. */
function lastLineQuantity(text: string): string | undefined {
  const last = text.trim().split(/\r?\n/).at(-1) ?? '';
  const stated = last.split('=').at(-1) ?? '';
  return readPhysicsAnswer(stated)?.unit ? stated.trim() : undefined;
}

/**
 * Physics answers: extraction as in arithmetic (the `A:` line, else a quantity on the last line), and one vote key for
 * equivalent quantities. Bound to a question (`ask`), a bare number votes with the same amount in the asked unit.
 */
export function physicsAnswerKey(ask?: Unit): AnswerKey {
  return {
    extract: (text) => {
      const stated = findFinalAnswer(text);
      // A decline is no answer: graders count it right exactly on unanswerable problems.
      if (stated !== undefined) return isPhysicsDecline(stated) ? undefined : stated;
      return isRefusal(text) ? undefined : lastLineQuantity(text);
    },
    normalize: (answer) => keyOf(answer, ask),
    equivalent: (a, b) => keyOf(a, ask) === keyOf(b, ask),
  };
}
