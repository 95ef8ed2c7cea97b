/** @module The Countdown task: reach a target from given numbers with + - * / (each number at most once). */

import type { ProblemSplit, Task, TaskProblem } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import {
  canMakeCountdown,
  claimsNoSolution,
  cleanCountdownExpression,
  countdownAnswerProblem,
  extractCountdownAnswer,
  reachableValues,
  solveCountdown,
} from './countdown-answer.js';
import { searchCountdown } from './countdown-trace.js';
import { evaluateNode, hasNegation, numbersIn, parseExpression } from './expression.js';
import { normalizeQuestion } from './format.js';
import { createRandom, hashSeed, pickWeighted, type Random } from './random.js';

const LEVELS = [1, 2, 3] as const;
const QUESTION_PATTERN = /^use ([\d,\s]+(?:and\s+\d+\s*)?) to (?:make|reach|get) (\d+)\s*[.!?]?$/i;

/** The numbers and target of a Countdown question, or undefined when it is not one. */
export function parseCountdownQuestion(question: string): { numbers: number[]; target: number } | undefined {
  const match = QUESTION_PATTERN.exec(normalizeQuestion(question));
  if (!match) return undefined;
  const numbers = (match[1] ?? '')
    .split(/[\s,]+|and/)
    .filter(Boolean)
    .map(Number);
  const target = Number(match[2]);
  return numbers.length >= 2 && numbers.every(Number.isSafeInteger) ? { numbers, target } : undefined;
}

/** Writes the question text for numbers and a target. */
export function countdownQuestion(numbers: readonly number[], target: number): string {
  return `Use ${numbers.join(', ')} to make ${target}.`;
}

/** The value of a candidate expression if it only uses numbers from `numbers` (each at most once), else undefined. */
export function evaluateCountdownAnswer(candidate: string, numbers?: readonly number[]): number | undefined {
  const left = cleanCountdownExpression(candidate).split('=')[0]?.trim() ?? '';
  const tree = parseExpression(left);
  if (!tree || hasNegation(tree)) return undefined;
  if (numbers) {
    const available = [...numbers];
    for (const used of numbersIn(tree)) {
      const index = available.indexOf(used);
      if (index < 0) return undefined;
      available.splice(index, 1);
    }
  }
  return evaluateNode(tree);
}

/**
 * An answer key bound to one question. Only solutions vote, all under one key (the target): two expressions that both
 * make it are the same right answer; one that uses numbers not given, reuses one or misses the target gets no vote but
 * stays the extracted answer. Without a question it keys parseable expressions by their value.
 * @example countdownAnswerKey('Use 3, 7, 25, 50 to make 71.').normalize('50+25-7+3') // '71'
 */
export function countdownAnswerKey(question?: string): AnswerKey {
  const parsed = question === undefined ? undefined : parseCountdownQuestion(question);
  const normalize = (answer: string): string => {
    if (!parsed) return String(evaluateCountdownAnswer(answer) ?? '');
    return countdownAnswerProblem(answer, parsed.numbers, parsed.target) === undefined ? String(parsed.target) : '';
  };
  return {
    extract: extractCountdownAnswer,
    normalize,
    equivalent: (a, b) => normalize(a) !== '' && normalize(a) === normalize(b),
  };
}

/** The small cards: 1-10, two of each. */
const SMALL_CARDS: readonly number[] = Array.from({ length: 20 }, (_, index) => (index % 10) + 1);
/** The large cards: one each. */
export const LARGE_NUMBERS: readonly number[] = [25, 50, 75, 100];
/**
 * Share of drawn problems that cannot make their target (`unanswerable: true`, the right answer declines). Small enough
 * that trying stays the model's default (a random 4-5 number draw with a reachable-looking target is usually solvable),
 * large enough that the mix holds thousands of declines, so "no solution" is learned as an answer, not a rare accident.
 */
export const UNSOLVABLE_SHARE = 0.08;
/** Draw types never drawn for training: three or more large numbers (held out to measure generalisation, issue #20). */
export const HELD_OUT_MIN_LARGE = 3;

interface LevelShape {
  count: number;
  /** How many of the numbers the generating expression combines. */
  use: number[];
  /** Target range with no large number, and with at least one (large numbers make larger targets reachable). */
  targetRange: [number, number];
  largeTargetRange: [number, number];
  /** Weights of drawing 0, 1, 2, ... large numbers, per split. */
  trainLarge: number[];
  heldOutLarge: number[];
}

const LEVEL_SHAPES: Record<number, LevelShape> = {
  1: {
    count: 3,
    use: [2, 3, 3],
    targetRange: [5, 120],
    largeTargetRange: [10, 300],
    trainLarge: [0.55, 0.35, 0.1],
    heldOutLarge: [0, 0, 0, 1],
  },
  2: {
    count: 4,
    use: [3, 4, 4],
    targetRange: [10, 300],
    largeTargetRange: [20, 600],
    trainLarge: [0.35, 0.4, 0.25],
    heldOutLarge: [0, 0, 0, 0.75, 0.25],
  },
  3: {
    count: 5,
    use: [4, 5],
    targetRange: [20, 600],
    largeTargetRange: [100, 999],
    trainLarge: [0.25, 0.4, 0.35],
    heldOutLarge: [0, 0, 0, 0.7, 0.3],
  },
};

/** How many of the numbers are large cards. */
export function largeCount(numbers: readonly number[]): number {
  return numbers.filter((value) => LARGE_NUMBERS.includes(value)).length;
}

/** Does a draw follow the rules: small cards 1-10 at most twice each, large cards at most once each, nothing else? */
export function isLegalDraw(numbers: readonly number[]): boolean {
  const counts = new Map<number, number>();
  for (const value of numbers) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].every(([value, count]) => (LARGE_NUMBERS.includes(value) ? count <= 1 : value >= 1 && value <= 10 && count <= 2));
}

/** Draws `count` cards, `large` of them large, like a Countdown deal (shuffled, so the large ones sit anywhere). */
function drawCards(count: number, large: number, random: Random): number[] {
  const cards = [...random.shuffle(LARGE_NUMBERS).slice(0, large), ...random.shuffle(SMALL_CARDS).slice(0, count - large)];
  return random.shuffle(cards);
}

/** Builds a target by combining a random subset of the numbers with random valid operations. */
function buildTarget(numbers: number[], use: number, random: Random): number | undefined {
  const pool = random.shuffle(numbers).slice(0, use);
  while (pool.length > 1) {
    const a = pool.splice(random.int(0, pool.length - 1), 1)[0] as number;
    const b = pool.splice(random.int(0, pool.length - 1), 1)[0] as number;
    const [big, small] = a >= b ? [a, b] : [b, a];
    const options = [big + small];
    if (big - small > 0) options.push(big - small);
    if (small > 1 && big * small <= 2000) options.push(big * small);
    if (small > 1 && big % small === 0) options.push(big / small);
    pool.push(random.pick(options));
  }
  return pool[0];
}

/** A target in range that no expression over the numbers makes: half the time below the largest reachable value (a gap). */
function unreachableTarget(numbers: number[], [low, high]: [number, number], random: Random): number | undefined {
  const reachable = reachableValues(numbers);
  let largestInRange = low;
  for (const value of reachable) if (value <= high && value > largestInRange) largestInRange = value;
  const ceiling = random.chance(0.5) ? largestInRange : high;
  const candidates: number[] = [];
  for (let value = low; value <= ceiling; value++) if (!reachable.has(value)) candidates.push(value);
  return candidates.length > 0 ? random.pick(candidates) : undefined;
}

interface Draw {
  numbers: number[];
  target: number;
  /** The closest-first search's solution; absent on an unsolvable draw. */
  solution?: string;
}

function generateOne(level: number, random: Random, split: ProblemSplit): Draw {
  const shape = LEVEL_SHAPES[level] ?? (LEVEL_SHAPES[1] as LevelShape);
  const solvable = !random.chance(UNSOLVABLE_SHARE);
  // The draw type is fixed before the retries, so retries do not tilt the mix towards types with easy targets.
  const large = pickWeighted(random, split === 'train' ? shape.trainLarge : shape.heldOutLarge);
  for (;;) {
    const numbers = drawCards(shape.count, large, random);
    const range = large > 0 ? shape.largeTargetRange : shape.targetRange;
    if (!solvable) {
      const target = unreachableTarget(numbers, range, random);
      if (target !== undefined) return { numbers, target };
      continue;
    }
    const target = buildTarget(numbers, random.pick(shape.use), random);
    if (target === undefined || target < range[0] || target > range[1] || numbers.includes(target)) continue;
    // Only keep instances whose closest-first search trace fits the context, so every problem has a teachable trace.
    const search = searchCountdown(numbers, target, createRandom(0), { noise: 0 });
    // Harder levels must not be solvable in one move.
    if (search && search.lines.length >= Math.min(level, 3)) return { numbers, target, solution: search.expression };
  }
}

/** The most numbers, the largest number and the largest target of the draws the embedded models were trained on. */
export const COUNTDOWN_SCOPE = { maxNumbers: 5, maxNumber: 100, maxTarget: 999 } as const;

/**
 * Why the embedded models cannot work this Countdown question (more numbers than they learned, whose search would not fit
 * their context; numbers or targets beyond the game's), or undefined when it is within their draws.
 */
export function countdownOutOfScope(question: string): string | undefined {
  const parsed = parseCountdownQuestion(question);
  if (!parsed) return undefined;
  const { maxNumbers, maxNumber, maxTarget } = COUNTDOWN_SCOPE;
  if (parsed.numbers.length > maxNumbers)
    return `it has ${parsed.numbers.length} numbers, and the embedded model was trained on Countdown draws of 3 to ${maxNumbers} numbers`;
  const big = parsed.numbers.find((value) => value > maxNumber);
  if (big !== undefined) return `it uses ${big}, and the embedded model was trained on Countdown numbers up to ${maxNumber}`;
  if (parsed.target > maxTarget)
    return `it asks for ${parsed.target}, and the embedded model was trained on Countdown targets up to ${maxTarget}`;
  return undefined;
}

/** Countdown (3-5 numbers); any expression that uses the given numbers at most once and hits the target counts. */
export const countdownTask: Task = {
  name: 'countdown',
  description: 'Reach the target from the given numbers with + - * / (exact division), each number at most once.',
  levels: LEVELS,
  // Checking a proposed expression is easy while finding one is the search: honest test-time verification.
  inferenceVerifier: 'checker',
  generate({ seed, count, level, split = 'train' }) {
    const problems: TaskProblem[] = [];
    for (let index = 0; index < count; index++) {
      // The train split keeps the seeding it always had; held-out shapes draw from their own stream.
      const random = createRandom(
        split === 'train' ? hashSeed('countdown', seed, level ?? 0, index) : hashSeed('countdown', split, seed, level ?? 0, index),
      );
      const chosen = level ?? random.pick(LEVELS);
      const { numbers, target, solution } = generateOne(chosen, random, split);
      problems.push({
        id: `countdown/L${chosen}/seed${seed}${split === 'train' ? '' : `/${split}`}/${index}`,
        task: 'countdown',
        question: countdownQuestion(numbers, target),
        level: chosen,
        ...(solution === undefined ? { unanswerable: true } : {}),
        meta: { numbers, target, large: largeCount(numbers), split, ...(solution === undefined ? {} : { solution }) },
      });
    }
    return problems;
  },
  check(question, candidate) {
    const parsed = parseCountdownQuestion(question);
    if (!parsed) return false;
    // "No solution" is the right answer exactly when the exhaustive solver finds none.
    if (claimsNoSolution(candidate)) return !canMakeCountdown(parsed.numbers, parsed.target);
    return countdownAnswerProblem(candidate, parsed.numbers, parsed.target) === undefined;
  },
  isDecline: claimsNoSolution,
  explain(question, candidate) {
    const parsed = parseCountdownQuestion(question);
    if (!parsed) return 'not a Countdown question';
    if (claimsNoSolution(candidate)) {
      const solution = solveCountdown(parsed.numbers, parsed.target);
      return solution === undefined ? undefined : `there is a solution: ${solution}`;
    }
    return countdownAnswerProblem(candidate, parsed.numbers, parsed.target);
  },
  matches: (question) => parseCountdownQuestion(question) !== undefined,
  outOfScope: countdownOutOfScope,
  answerKey: countdownAnswerKey(),
  answerKeyFor: (question) => countdownAnswerKey(question),
};
