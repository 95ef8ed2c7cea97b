/** @module The Countdown task: reach a target from given numbers with + - * / (each number at most once). */

import type { Task, TaskProblem } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import {
  claimsNoSolution,
  cleanCountdownExpression,
  countdownAnswerProblem,
  extractCountdownAnswer,
  solveCountdown,
} from './countdown-answer.js';
import { searchCountdown } from './countdown-trace.js';
import { evaluateNode, hasNegation, numbersIn, parseExpression } from './expression.js';
import { normalizeQuestion } from './format.js';
import { createRandom, hashSeed, type Random } from './random.js';

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

const LEVEL_SHAPES: Record<number, { count: number; use: number[]; big: number; targetRange: [number, number] }> = {
  1: { count: 3, use: [2, 3, 3], big: 0.2, targetRange: [5, 120] },
  2: { count: 4, use: [3, 4, 4], big: 0.5, targetRange: [10, 300] },
  3: { count: 5, use: [4, 5], big: 0.6, targetRange: [20, 600] },
};

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

function generateOne(level: number, random: Random): { numbers: number[]; target: number } {
  const shape = LEVEL_SHAPES[level] ?? LEVEL_SHAPES[1]!;
  for (;;) {
    const numbers: number[] = [];
    for (let index = 0; index < shape.count; index++) {
      const isBig = index === 0 && random.chance(shape.big);
      numbers.push(isBig ? random.pick([25, 50, 75, 100]) : random.int(1, level === 1 ? 20 : 13));
    }
    const target = buildTarget(numbers, random.pick(shape.use), random);
    if (target === undefined || target < shape.targetRange[0] || target > shape.targetRange[1] || numbers.includes(target)) continue;
    const shuffled = random.shuffle(numbers);
    // Only keep instances whose closest-first search trace fits the context, so every problem has a teachable trace.
    const search = searchCountdown(shuffled, target, createRandom(0), { noise: 0 });
    // Harder levels must not be solvable in one move.
    if (search && search.lines.length >= Math.min(level, 3)) return { numbers: shuffled, target };
  }
}

/** Countdown (3-5 numbers); any expression that uses the given numbers at most once and hits the target counts. */
export const countdownTask: Task = {
  name: 'countdown',
  description: 'Reach the target from the given numbers with + - * / (exact division), each number at most once.',
  levels: LEVELS,
  // Checking a proposed expression is easy while finding one is the search: honest test-time verification.
  inferenceVerifier: 'checker',
  generate({ seed, count, level }) {
    const problems: TaskProblem[] = [];
    for (let index = 0; index < count; index++) {
      const random = createRandom(hashSeed('countdown', seed, level ?? 0, index));
      const chosen = level ?? random.pick(LEVELS);
      const { numbers, target } = generateOne(chosen, random);
      problems.push({
        id: `countdown/L${chosen}/seed${seed}/${index}`,
        task: 'countdown',
        question: countdownQuestion(numbers, target),
        level: chosen,
        meta: { numbers, target },
      });
    }
    return problems;
  },
  check(question, candidate) {
    const parsed = parseCountdownQuestion(question);
    if (!parsed) return false;
    // "No solution" is the right answer exactly when the exhaustive solver finds none.
    if (claimsNoSolution(candidate)) return solveCountdown(parsed.numbers, parsed.target) === undefined;
    return countdownAnswerProblem(candidate, parsed.numbers, parsed.target) === undefined;
  },
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
  answerKey: countdownAnswerKey(),
  answerKeyFor: (question) => countdownAnswerKey(question),
};
