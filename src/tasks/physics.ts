/** @module The physics task: word problems with units (kinematics, force and energy, Ohm's law, density, conversions), three levels. */
import type { ProblemSplit, Task, TaskProblem } from '../spec/task.js';
import { formatSolve, MAX_EXAMPLE_CHARS } from './format.js';
import { explainPhysicsAnswer, physicsAnswerKey, physicsAnswerMatches } from './physics-answer.js';
import {
  ALTERNATIVE_UNITS,
  CHAIN_KINDS,
  CONVERSION_PHRASINGS,
  CONVERSIONS,
  HELD_OUT_CHAIN,
  HELD_OUT_CONVERSION_TOPIC,
} from './physics-chains.js';
import type { Kind } from './physics-formulas.js';
import { droppable, GENERIC_PHRASINGS, genericQuestion } from './physics-generic.js';
import { FORMULA_KINDS } from './physics-kinds.js';
import { parsePhysicsQuestion, resultUnit } from './physics-question.js';
import { physicsSolveTrace } from './physics-trace.js';
import { formatNumber, fromSi, unitOf } from './physics-units.js';
import { createRandom, hashSeed, type Random } from './random.js';

const LEVELS = [1, 2, 3] as const;
/** Share of level-1 problems that are plain unit conversions. */
const CONVERSION_SHARE = 0.2;
/** Level-2 answers in the asked unit keep at most this many decimals. */
const MAX_DECIMALS = 3;
/** Share of level-1 and level-3 problems that lack a given (`unanswerable`: the right answer declines). */
export const UNANSWERABLE_SHARE = 0.05;
/** Share of answerable problems in the generic phrasing the unanswerable ones use, so the phrasing is no cue. */
const GENERIC_SHARE = 0.1;

/** A drawn problem before it is checked for an exact answer and a scratchpad that fits. */
interface Draft {
  question: string;
  meta: Record<string, unknown>;
  unanswerable?: boolean;
}

/** Phrasing indices of a template list: training uses all but the last; level 1's held-out shapes use only the last. */
function phrasingIndex(count: number, heldOut: boolean, random: Random): number {
  return heldOut ? count - 1 : random.int(0, count - 2);
}

/** `a 8 kg box` → `an 8 kg box` (eight, eleven, eighteen, eighty... are said with a vowel). */
const withArticles = (text: string): string => text.replace(/\b([Aa]) (?=(?:8\d*|11|18|11\d{3}|18\d{3})\b)/g, '$1n ');

const fill = (template: string, values: Record<string, string>): string =>
  withArticles(template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`));

/**
 * A kind's question in one of its phrasings, or (with `generic`) in the generic phrasing that lists the givens; a generic
 * question may leave one given out, which makes it unanswerable.
 */
function kindDraft(kind: Kind, ask: string, phrasing: number, random: Random, generic?: { leaveOut?: string }): Draft {
  const values = kind.draw(random);
  const slots: Record<string, string> = { unit: ask };
  kind.givens.forEach((given, index) => {
    slots[given.symbol] = `${values[index]} ${given.unit}`;
  });
  const meta = { kind: kind.id, topic: kind.topic, phrasing, ask };
  if (!generic) return { question: fill(kind.phrasings[phrasing] as string, slots), meta };
  const question = withArticles(genericQuestion(kind, slots, ask, phrasing, generic.leaveOut));
  if (generic.leaveOut === undefined) return { question, meta: { ...meta, generic: true } };
  return { question, meta: { ...meta, generic: true, missing: generic.leaveOut }, unanswerable: true };
}

/** The kind's own phrasings, or the generic one (answerable, or on levels 1 and 3 one given short). */
function phrasedDraft(kind: Kind, ask: string, level: number, heldOut: boolean, random: Random): Draft {
  const roll = random.next();
  const heldOutPhrasing = heldOut && level === 1;
  const leaveOut = droppable(kind);
  if (level !== 2 && roll < UNANSWERABLE_SHARE && leaveOut.length > 0) {
    return kindDraft(kind, ask, phrasingIndex(GENERIC_PHRASINGS.length, heldOutPhrasing, random), random, {
      leaveOut: random.pick(leaveOut),
    });
  }
  if (roll < UNANSWERABLE_SHARE + GENERIC_SHARE) {
    return kindDraft(kind, ask, phrasingIndex(GENERIC_PHRASINGS.length, heldOutPhrasing, random), random, {});
  }
  return kindDraft(kind, ask, phrasingIndex(kind.phrasings.length, heldOutPhrasing, random), random);
}

function conversionDraft(phrasing: number, random: Random): Draft {
  const [from, to] = random.pick(CONVERSIONS);
  const value = random.int(1, 99) * random.pick([1, 1, 1, 10, 100]);
  const question = fill(CONVERSION_PHRASINGS[phrasing] as string, { x: `${value} ${from}`, unit: to });
  return { question, meta: { kind: 'conversion', topic: 'conversion', phrasing, ask: to } };
}

/** One draft for a level and split (see the module's held-out shapes: a phrasing, a topic's conversions, a chain). */
function draft(level: number, split: ProblemSplit, random: Random): Draft {
  const heldOut = split === 'held-out-shapes';
  if (level === 1) {
    if (random.chance(CONVERSION_SHARE)) return conversionDraft(phrasingIndex(CONVERSION_PHRASINGS.length, heldOut, random), random);
    const kind = random.pick(FORMULA_KINDS);
    return phrasedDraft(kind, resultUnit(kind).symbol, level, heldOut, random);
  }
  if (level === 2) {
    const kinds = FORMULA_KINDS.filter(
      (kind) => ALTERNATIVE_UNITS[resultUnit(kind).symbol] && (kind.topic === HELD_OUT_CONVERSION_TOPIC) === heldOut,
    );
    const kind = random.pick(kinds);
    const ask = random.pick(ALTERNATIVE_UNITS[resultUnit(kind).symbol] ?? []);
    return phrasedDraft(kind, ask, level, heldOut, random);
  }
  const kind = random.pick(CHAIN_KINDS.filter((chain) => (chain.id === HELD_OUT_CHAIN) === heldOut));
  return phrasedDraft(kind, resultUnit(kind).symbol, level, heldOut, random);
}

/** `162/5=32.4`: a quotient with decimals by a divisor that is no power of ten (only a digit shift may make decimals). */
const isDecimalQuotient = (line: string): boolean => /^[\d.]+\/(?!10+=)\d+=\d*\.\d+$/.test(line);

/** A problem whose answer is exact in the asked unit and whose scratchpad (with its question) fits the context. */
function generateOne(level: number, split: ProblemSplit, random: Random): Draft & { answer?: string } {
  for (;;) {
    const candidate = draft(level, split, random);
    const parsed = parsePhysicsQuestion(candidate.question);
    if (!parsed || parsed.unanswerable !== candidate.unanswerable) {
      // A question one given short that another kind answers is not unanswerable: draw again.
      if (candidate.unanswerable && parsed && !parsed.unanswerable) continue;
      throw new Error(`physics generator wrote a question it reads otherwise: ${candidate.question}`);
    }
    if (parsed.unanswerable) return candidate;
    const inAsked = fromSi(parsed.si, parsed.ask);
    const text = formatNumber(inAsked);
    if ((text.split('.')[1] ?? '').length > MAX_DECIMALS || inAsked <= 0) continue;
    const trace = physicsSolveTrace(candidate.question, 'none', createRandom(0));
    if (!trace || !physicsAnswerMatches(parsed, trace.answer) || trace.lines.some(isDecimalQuotient)) continue;
    const example = formatSolve(candidate.question, trace.lines, trace.answer);
    if (example.prompt.length + example.completion.length > MAX_EXAMPLE_CHARS) continue;
    return { ...candidate, answer: `${text} ${unitOf(parsed.ask.symbol).symbol}` };
  }
}

/**
 * Why the embedded models cannot work this physics question (no formula they know relates its quantities, givens in
 * units they were not trained on, a solution longer than their context), or undefined when it is within their problems.
 * A question one given short is within them: they were trained to decline it.
 */
export function physicsOutOfScope(question: string): string | undefined {
  const parsed = parsePhysicsQuestion(question);
  if (!parsed) return undefined;
  if (parsed.unanswerable && !parsed.kind) {
    return `no formula the embedded model was trained on gives ${parsed.ask.symbol} from the quantities given`;
  }
  const trace = physicsSolveTrace(question, 'none', createRandom(0));
  if (!trace) {
    const foreign = parsed.givens.find((given, index) => given.unit.symbol !== parsed.kind?.givens[index]?.unit);
    const expected = parsed.kind?.givens.find((given) => given.symbol === foreign?.symbol)?.unit;
    return foreign && expected
      ? `it gives ${foreign.text}, and the embedded model was trained on these problems with that quantity in ${expected}`
      : 'the embedded model cannot write out a solution to it';
  }
  const { prompt, completion } = formatSolve(question, trace.lines, trace.answer);
  if (prompt.length + completion.length > MAX_EXAMPLE_CHARS) {
    return `its worked solution does not fit the embedded model's context of ${MAX_EXAMPLE_CHARS} characters`;
  }
  return undefined;
}

/** Physics word problems with units; levels: 1 one formula (or a conversion), 2 a formula then a conversion, 3 two formulas chained. */
export const physicsTask: Task = {
  name: 'physics',
  description:
    "Word problems with units (kinematics, force and energy, Ohm's law, density, conversions); the scratchpad names the formula, substitutes with units and converts.",
  levels: LEVELS,
  // The checker solves the question itself: using it while answering would be an oracle.
  inferenceVerifier: 'steps',
  generate({ seed, count, level, split = 'train' }) {
    const problems: TaskProblem[] = [];
    for (let index = 0; index < count; index++) {
      const parts: Array<string | number> = ['physics', seed, level ?? 0, index];
      const random = createRandom(hashSeed(...(split === 'train' ? parts : [...parts, split])));
      const chosen = level ?? random.pick(LEVELS);
      const { question, answer, meta, unanswerable } = generateOne(chosen, split, random);
      problems.push({
        id: `physics/L${chosen}/seed${seed}/${split === 'train' ? '' : `${split}/`}${index}`,
        task: 'physics',
        question,
        ...(answer === undefined ? {} : { answer }),
        level: chosen,
        ...(unanswerable ? { unanswerable: true } : {}),
        meta,
      });
    }
    return problems;
  },
  check(question, candidate) {
    const parsed = parsePhysicsQuestion(question);
    return parsed !== undefined && physicsAnswerMatches(parsed, candidate);
  },
  explain(question, candidate) {
    const parsed = parsePhysicsQuestion(question);
    return parsed ? explainPhysicsAnswer(parsed, candidate) : 'not a physics question this task reads';
  },
  matches: (question) => parsePhysicsQuestion(question) !== undefined,
  outOfScope: physicsOutOfScope,
  answerKey: physicsAnswerKey(),
  answerKeyFor: (question) => physicsAnswerKey(parsePhysicsQuestion(question)?.ask),
};
