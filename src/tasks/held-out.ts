/** @module Keeps training data disjoint from the evaluation sets (seeds 1_000_000 and 1_000_001, first 1000 problems per level). */
import type { Task } from '../spec/task.js';
import { extractArithmeticExpression } from './arithmetic-trace.js';
import { parseCountdownQuestion } from './countdown.js';
import { normalizeQuestion } from './format.js';
import { physicsProblemKey } from './physics-question.js';
import { programKey } from './program-trace-question.js';

/** The seed of the standard evaluation set of every task and level; training seeds stay below 1_000_000. */
export const EVAL_SEED = 1_000_001;
/** Evaluation seeds whose reserved problems training excludes (the bench's first held-out seed and the standard one). */
export const EXCLUDED_EVAL_SEEDS = [1_000_000, EVAL_SEED] as const;
/** Training data excludes any problem among the first this-many evaluation problems of each level. */
export const EVAL_RESERVED_COUNT = 1000;
/** Training seeds must be smaller than this. */
export const MAX_TRAINING_SEED = 1_000_000;

/** A surface-independent key: `What is 3 * 4?` and `3*4` share one; Countdown keys ignore the number order. */
export function problemKey(task: string, question: string): string {
  const normalized = normalizeQuestion(question);
  if (task === 'arithmetic') {
    const expression = extractArithmeticExpression(normalized);
    if (expression !== undefined) return `arithmetic:${expression.replace(/\s+/g, '')}`;
  }
  if (task === 'countdown') {
    const parsed = parseCountdownQuestion(normalized);
    if (parsed) return `countdown:${[...parsed.numbers].sort((a, b) => a - b).join(',')}>${parsed.target}`;
  }
  if (task === 'physics') {
    const key = physicsProblemKey(normalized);
    if (key !== undefined) return key;
  }
  if (task === 'program-trace') {
    const key = programKey(normalized);
    if (key !== undefined) return `program-trace:${key}`;
  }
  return `${task}:${normalized}`;
}

const keyCache = new Map<string, Set<string>>();

/** The keys of the reserved evaluation problems of these tasks (all levels); computed once per task set (generation is deterministic). */
export function evaluationKeys(tasks: readonly Task[], count = EVAL_RESERVED_COUNT): Set<string> {
  const cacheKey = `${tasks.map((task) => task.name).join(',')}/${count}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const keys = new Set<string>();
  keyCache.set(cacheKey, keys);
  for (const task of tasks) {
    for (const seed of EXCLUDED_EVAL_SEEDS) {
      for (const level of task.levels) {
        for (const problem of task.generate({ seed, count, level })) keys.add(problemKey(task.name, problem.question));
      }
    }
  }
  return keys;
}
