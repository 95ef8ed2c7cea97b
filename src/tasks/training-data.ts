/** @module Builds the training examples (solve, direct, check) of one task or of the `mix` recipe the model trains on. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { ProblemDraw, Task, TaskProblem } from '../spec/task.js';
import { formatCheck, formatDirect, formatSolve, MAX_EXAMPLE_CHARS } from './format.js';
import { evaluationKeys, MAX_TRAINING_SEED, problemKey } from './held-out.js';
import { corruptResult } from './mistakes.js';
import { programTraceCheckLine } from './program-trace-step.js';
import { createRandom, hashSeed, pickWeighted, type Random } from './random.js';
import { getTask } from './registry.js';
import { type CorrectionMode, solveTrace } from './solve-trace.js';
import { checkStep, parseStep } from './step-check.js';

/** One JSONL line of training data (the contract with the trainer). */
export interface TrainingExample {
  prompt: string;
  completion: string;
  kind: 'solve' | 'direct' | 'check';
  task: string;
  level: number;
}

/** What to build. */
export interface TrainingDataOptions {
  /** `arithmetic`, `countdown`, or `mix` (both tasks, harder levels weighted up). */
  task: string;
  n: number;
  seed: number;
  /** Restrict to these levels (default: all). */
  levels?: readonly number[];
  directShare?: number;
  checkShare?: number;
  /** Exclude the reserved evaluation problems (default true). */
  heldOut?: boolean;
  /** Override the mix's task weights, e.g. `{ arithmetic: 0.7, countdown: 0.3 }`. */
  taskWeights?: Record<string, number>;
  /** Override level weights per task (index 0 = level 1), e.g. `{ arithmetic: [3, 3, 2, 1, 1] }`. */
  levelWeights?: Record<string, number[]>;
  /**
   * Share of all examples that are arithmetic scratchpads of a close difference (level 1–2 problems redrawn until
   * one subtracts two numbers of equal length and equal leading digit, `89-85`, `412-436`): the comparison that
   * decides the sign needs the later digits there, and the natural mix has few such problems (default 0).
   */
  closeShare?: number;
  /** The problems' draw (`natural` by default; `balanced` weights rare shapes and operations up, ProblemDraw). */
  draw?: ProblemDraw;
}

/** The mix's default task weights. */
export const TASK_WEIGHTS: Record<string, number> = { arithmetic: 0.6, countdown: 0.4, 'program-trace': 0.15, physics: 0.15 };
/** The default level weights per task (index 0 = level 1): harder levels weighted up. */
export const LEVEL_WEIGHTS: Record<string, number[]> = {
  arithmetic: [1, 1.5, 2, 2.5, 2.5],
  countdown: [1, 1.5, 2],
  'program-trace': [1, 1.5, 2, 2],
  physics: [1, 1.5, 2],
};
const MODE_WEIGHTS: Record<string, Array<[CorrectionMode, number]>> = {
  arithmetic: [
    ['none', 0.83],
    ['immediate', 0.07],
    ['late', 0.05],
    ['confirm', 0.05],
  ],
  countdown: [
    ['none', 0.82],
    ['immediate', 0.13],
    ['confirm', 0.05],
  ],
  'program-trace': [
    ['none', 0.85],
    ['immediate', 0.15],
  ],
  physics: [
    ['none', 0.85],
    ['immediate', 0.15],
  ],
};

/** `89-85`, `412-436`: a difference whose sign the leading digits do not decide. */
export function hasCloseDifference(question: string): boolean {
  for (const match of question.matchAll(/(\d+)\s*-\s*(\d+)/g)) {
    const [left, right] = [match[1] as string, match[2] as string];
    if (left.length > 1 && left.length === right.length && left[0] === right[0]) return true;
  }
  return false;
}

/** Redraws level 1–2 arithmetic problems until one has a close difference (deterministic for `seed` and `index`). */
function closeDifferenceProblem(
  task: Task,
  levels: readonly number[],
  seed: number,
  index: number,
  random: Random,
): TaskProblem | undefined {
  for (let attempt = 0; attempt < 200; attempt++) {
    const problemSeed = hashSeed('close-difference', seed, index, attempt) % MAX_TRAINING_SEED;
    const level = levels.length === 1 ? (levels[0] as number) : random.chance(0.7) ? 1 : 2;
    const [problem] = task.generate({ seed: problemSeed, count: 1, level });
    if (problem && hasCloseDifference(problem.question)) return problem;
  }
  return undefined;
}

const fits = (example: { prompt: string; completion: string }): boolean =>
  example.prompt.length + example.completion.length <= MAX_EXAMPLE_CHARS;

function pickLevel(task: Task, levels: readonly number[] | undefined, levelWeights: readonly number[] | undefined, random: Random): number {
  const allowed = task.levels.filter((level) => !levels || levels.includes(level));
  if (allowed.length === 0) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `No level of task '${task.name}' is among ${levels?.join(',')}`, {
      hint: `Levels of ${task.name}: ${task.levels.join(', ')}`,
      param: 'levels',
    });
  }
  const weights = allowed.map((level) => levelWeights?.[level - 1] ?? 1);
  return allowed[pickWeighted(random, weights)] as number;
}

/** Builds one example of the given kind from a fresh problem; undefined when it does not fit (the caller retries). */
function buildExample(task: Task, problem: TaskProblem, kind: TrainingExample['kind'], random: Random): TrainingExample | undefined {
  const level = problem.level ?? 1;
  const modes = MODE_WEIGHTS[task.name] ?? [['none', 1]];
  const mode =
    kind === 'solve'
      ? modes[
          pickWeighted(
            random,
            modes.map(([, weight]) => weight),
          )
        ]![0]
      : 'none';
  const trace = solveTrace(problem, mode, random);
  if (!trace) return undefined;
  if (kind === 'check' && task.name === 'program-trace') {
    const check = programTraceCheckLine(trace.lines, random);
    return check && { ...formatCheck(check.line, check.right), kind, task: task.name, level };
  }
  if (kind === 'check') {
    const steps = trace.lines.map(parseStep).filter((step) => step !== undefined);
    const step = steps.length > 0 ? random.pick(steps) : undefined;
    if (!step) return undefined;
    const line = random.chance(0.5) ? step.equation : `${step.left}=${corruptResult(step.left, step.right, random)}`;
    const right = checkStep(line);
    if (right === undefined) return undefined;
    return { ...formatCheck(line, right), kind, task: task.name, level };
  }
  const formatted =
    kind === 'direct' ? formatDirect(problem.question, trace.answer) : formatSolve(problem.question, trace.lines, trace.answer);
  return fits(formatted) ? { ...formatted, kind, task: task.name, level } : undefined;
}

/** Builds `n` training examples, deterministic for a seed, never containing a reserved evaluation problem. */
export function buildTrainingData(options: TrainingDataOptions): TrainingExample[] {
  const { n, seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed >= MAX_TRAINING_SEED) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Training seed must be in [0, ${MAX_TRAINING_SEED}), got ${seed}`, {
      hint: 'Seeds of 1000000 and above are reserved for evaluation sets',
      param: 'seed',
    });
  }
  const tasks = options.task === 'mix' ? Object.keys(TASK_WEIGHTS).map(getTask) : [getTask(options.task)];
  const directShare = options.directShare ?? 0.1;
  const checkShare = options.checkShare ?? 0.1;
  const closeShare = options.closeShare ?? 0;
  const arithmetic = tasks.find((entry) => entry.name === 'arithmetic');
  // The drill draws levels 1-2 only, and only those of them that --levels allows.
  const closeLevels = [1, 2].filter((level) => !options.levels || options.levels.includes(level));
  const taskWeights = { ...TASK_WEIGHTS, ...options.taskWeights };
  const levelWeights = { ...LEVEL_WEIGHTS, ...options.levelWeights };
  const reserved = options.heldOut === false ? new Set<string>() : evaluationKeys(tasks);
  const examples: TrainingExample[] = [];
  for (let index = 0; examples.length < n; index++) {
    const random = createRandom(hashSeed('training-data', seed, index));
    if (arithmetic && closeLevels.length > 0 && closeShare > 0 && random.chance(closeShare)) {
      const problem = closeDifferenceProblem(arithmetic, closeLevels, seed, index, random);
      if (!problem || reserved.has(problemKey(arithmetic.name, problem.question))) continue;
      const example = buildExample(arithmetic, problem, 'solve', random);
      if (example) examples.push(example);
      continue;
    }
    const task =
      tasks[
        pickWeighted(
          random,
          tasks.map((entry) => taskWeights[entry.name] ?? 1),
        )
      ]!;
    const level = pickLevel(task, options.levels, levelWeights[task.name], random);
    const roll = random.next();
    const kind = roll < checkShare ? 'check' : roll < checkShare + directShare ? 'direct' : 'solve';
    const problemSeed = hashSeed('training-problem', seed, index) % MAX_TRAINING_SEED;
    const [problem] = task.generate({ seed: problemSeed, count: 1, level, draw: options.draw ?? 'natural' });
    if (!problem || (kind !== 'check' && reserved.has(problemKey(task.name, problem.question)))) continue;
    const example = buildExample(task, problem, kind, random);
    if (example) examples.push(example);
  }
  return examples;
}

/** Counts by kind and task, and the mean prompt+completion length. */
export function summarizeTrainingData(examples: readonly TrainingExample[]): {
  count: number;
  byKind: Record<string, number>;
  byTask: Record<string, number>;
  meanChars: number;
  maxChars: number;
} {
  const byKind: Record<string, number> = {};
  const byTask: Record<string, number> = {};
  let total = 0;
  let maxChars = 0;
  for (const example of examples) {
    byKind[example.kind] = (byKind[example.kind] ?? 0) + 1;
    const taskKey = `${example.task}/L${example.level}`;
    byTask[taskKey] = (byTask[taskKey] ?? 0) + 1;
    const length = example.prompt.length + example.completion.length;
    total += length;
    maxChars = Math.max(maxChars, length);
  }
  return { count: examples.length, byKind, byTask, meanChars: examples.length ? total / examples.length : 0, maxChars };
}
