/** @module Turns `--task` into problems (built-in generators or dataset files) and grades answers with the right checker. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { ProblemSplit, Task, TaskProblem } from '../../spec/index.js';
import { findFinalAnswer, isRefusal } from '../../tasks/final-answer.js';
import { CODE_PREFIXES, loadCodeProblems } from './code-problems.js';
import { type DatasetFormat, loadDatasetFile } from './dataset-files.js';

/** Finds a built-in task by name (the tasks module's `getTask`); injected so tests need no real tasks. */
export type TaskLookup = (name: string) => Task | undefined;

/** Decides whether two answers are the same (the verify module's `answersEquivalent`). */
export type AnswerEquivalence = (candidate: string, reference: string) => boolean;

/** The standard held-out evaluation seed (src/tasks/held-out.ts EVAL_SEED); training seeds stay below 1_000_000. */
export const HELD_OUT_SEED = 1_000_001;

const DATASET_PREFIXES: Record<string, DatasetFormat> = { 'jsonl:': 'jsonl', 'gsm8k:': 'gsm8k', 'math:': 'math' };

/** The problems of a bench: `count` from a generator (spread over levels when no level is given) or the first `count` of a file. */
export function loadProblems(
  taskSpec: string,
  options: { count: number; seed: number; level?: number | undefined; split?: ProblemSplit | undefined },
  lookup: TaskLookup,
): TaskProblem[] {
  for (const [prefix, format] of Object.entries(DATASET_PREFIXES)) {
    if (taskSpec.startsWith(prefix)) return loadDatasetFile(format, taskSpec.slice(prefix.length)).slice(0, options.count);
  }
  for (const [prefix, format] of Object.entries(CODE_PREFIXES)) {
    if (taskSpec.startsWith(prefix)) return loadCodeProblems(format, taskSpec.slice(prefix.length)).slice(0, options.count);
  }
  const task = lookup(taskSpec);
  const split = options.split ?? 'train';
  if (task === undefined) {
    throw new SlowthinkError(ERROR_CODES.UNKNOWN_TASK, `Unknown task "${taskSpec}"`, {
      hint: 'Use a built-in task (arithmetic, countdown, program-trace, ...), jsonl:PATH, gsm8k:PATH, math:PATH, humaneval:PATH or mbpp:PATH.',
      param: 'task',
    });
  }
  if (options.level !== undefined) {
    if (task.levels.length > 0 && !task.levels.includes(options.level)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Task ${task.name} has no level ${options.level}`, {
        hint: `Use one of ${task.levels.join(', ')}.`,
        param: 'level',
      });
    }
    return task.generate({ seed: options.seed, count: options.count, level: options.level, split });
  }
  if (task.levels.length === 0) return task.generate({ seed: options.seed, count: options.count, split });
  // Spread evenly over the levels, so per-level accuracy has comparable n, and interleave them so a run cut short stays balanced.
  const perLevel = task.levels.map((level, index) => {
    const share = Math.floor(options.count / task.levels.length) + (index < options.count % task.levels.length ? 1 : 0);
    return share === 0 ? [] : task.generate({ seed: options.seed, count: share, level, split });
  });
  const interleaved: TaskProblem[] = [];
  for (let position = 0; interleaved.length < options.count && perLevel.some((list) => position < list.length); position++) {
    for (const list of perLevel) if (position < list.length) interleaved.push(list[position] as TaskProblem);
  }
  return interleaved;
}

const canonical = (answer: string): string =>
  answer
    .trim()
    .replace(/^\\boxed\{(.*)\}$/s, '$1')
    .replace(/[\s$]|\\!|,(?=\d{3}\b)/g, '')
    .replace(/\.0+$/, '')
    .toLowerCase();

/**
 * Grades an extracted answer: the task's exact checker when the problem names a known task, else equivalence with the
 * reference. On an unanswerable problem (an unsolvable draw, a question out of range) declining is the right answer:
 * no answer, and (when the text is given) a text that says so.
 */
export function createGrader(
  lookup: TaskLookup,
  equivalent?: AnswerEquivalence,
): (problem: TaskProblem, answer: string | undefined, text?: string) => boolean {
  return (problem, answer, text) => {
    if (problem.unanswerable === true) {
      if (answer !== undefined && answer.trim() !== '') return false;
      // With the text at hand, only a stated decline counts: a chain that ran out or rambled did not decline.
      if (text === undefined) return true;
      const stated = findFinalAnswer(text);
      const task = lookup(problem.task);
      return isRefusal(text) || (stated !== undefined && task?.check(problem.question, stated) === true);
    }
    if (answer === undefined || answer.trim() === '') return false;
    const task = lookup(problem.task);
    if (task !== undefined) return task.check(problem.question, answer);
    if (problem.answer === undefined) return false;
    return equivalent !== undefined ? equivalent(answer, problem.answer) : canonical(answer) === canonical(problem.answer);
  };
}
