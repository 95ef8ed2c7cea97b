/** @module The program-tracing task: what does a short Python program print? Truth comes from running it in the sandbox. */
import type { ProblemSplit, Task, TaskProblem } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import { findFinalAnswer, isRefusal } from './final-answer.js';
import { formatSolve, MAX_EXAMPLE_CHARS, WAIT_CUE } from './format.js';
import { corruptNumber } from './mistakes.js';
import { PROGRAM_LEVELS, writeProgram } from './program-trace-generator.js';
import { PROGRAM_QUESTION_HEADER, programOf } from './program-trace-question.js';
import { type ProgramRun, runPrograms } from './program-trace-runner.js';
import { programTraceOutOfScope } from './program-trace-scope.js';
import { outputAnswer, traceLines } from './program-trace-scratchpad.js';
import { createRandom, hashSeed, type Random } from './random.js';
import type { CorrectionMode, SolveTrace } from './solve-trace.js';

/** Candidate programs written per problem and run in the same batch; the first that runs and fits is kept. */
const CANDIDATES = 2;
/** Longest answer (printed output) a generated problem may have. */
const MAX_ANSWER_CHARS = 40;

/**
 * `[1, 2]` = `[1,2]`, `3\n4` = `3 4`: the output with whitespace runs collapsed and none beside brackets or commas; an
 * answer wrapped in backticks (`` `28` ``, a fenced block, as API models write output) is read inside them.
 */
export function normalizeOutput(text: string): string {
  const fenced = /^\s*(`+)(?:[a-z]*\n)?([\s\S]*?)\1\s*$/.exec(text);
  return (fenced ? (fenced[2] ?? '') : text)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\s*([[\](),])\s*/g, '$1');
}

/** The question for a program. */
export function programQuestion(program: string): string {
  return `${PROGRAM_QUESTION_HEADER}\n${program}`;
}

/** The scratchpad and answer of a program-tracing question, from its sandboxed run; undefined when it does not run. */
export function programTrace(question: string): { lines: string[]; answer: string } | undefined {
  const program = programOf(question);
  if (program === undefined) return undefined;
  const [run] = runPrograms([program]);
  if (!run?.ok) return undefined;
  return { lines: traceLines(program, run), answer: outputAnswer(run.output) };
}

/**
 * The solve trace the mix trains on. `immediate`: one computed value or branch verdict slips, then `Wait, let me check.`,
 * the slipped line marked `wrong`, and the right line (a later slip would need every later state redone).
 */
export function programTraceSolveTrace(question: string, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  const trace = programTrace(question);
  if (!trace) return undefined;
  const plain: SolveTrace = { ...trace, mode: 'none', mistakes: [] };
  if (mode !== 'immediate') return plain;
  const slips = trace.lines.flatMap((line, index) => {
    const slipped = slipLine(line, random);
    return slipped === undefined ? [] : [{ index, slipped }];
  });
  if (slips.length === 0) return plain;
  const { index, slipped } = random.pick(slips);
  const lines = [...trace.lines.slice(0, index), slipped, WAIT_CUE, `${slipped} wrong`, ...trace.lines.slice(index)];
  return { lines, answer: trace.answer, mode, mistakes: [index] };
}

/** `s=3+2=5 i=2` → `s=3+2=6 i=2`, `3%2==1 yes` → `3%2==1 no`; undefined for a line that computes nothing. */
export function slipLine(line: string, random: Random): string | undefined {
  const branch = / (yes|no)$/.exec(line);
  if (branch) return `${line.slice(0, branch.index)} ${branch[1] === 'yes' ? 'no' : 'yes'}`;
  const computed = /^(.*\w=[^ ]*[-+*%/][^ ]*=)(-?\d+)((?: .*)?)$/.exec(line);
  if (!computed) return undefined;
  return `${computed[1]}${corruptNumber(Number(computed[2]), random)}${computed[3] ?? ''}`;
}

/** Whether a run makes a usable problem: it runs, prints a short answer, and question + scratchpad fit the context. */
function usable(program: string, run: ProgramRun | undefined): boolean {
  if (!run?.ok) return false;
  const answer = outputAnswer(run.output);
  if (answer === '' || answer.length > MAX_ANSWER_CHARS) return false;
  const example = formatSolve(programQuestion(program), traceLines(program, run), answer);
  return example.prompt.length + example.completion.length <= MAX_EXAMPLE_CHARS;
}

/** Problems for these indices; candidates of all of them run in one sandbox round trip per attempt. */
function generateProblems(seed: number, count: number, level: number | undefined, split: ProblemSplit): TaskProblem[] {
  const problems: Array<TaskProblem | undefined> = new Array(count).fill(undefined);
  for (let attempt = 0; problems.includes(undefined); attempt++) {
    const pending = problems.flatMap((problem, index) => (problem ? [] : [index]));
    const batch = pending.map((index) => {
      // The train split keeps its seeding; held-out shapes draw from their own stream.
      const parts = split === 'train' ? [seed] : [split, seed];
      const random = createRandom(hashSeed('program-trace', ...parts, level ?? 0, index, attempt));
      const chosen = level ?? random.pick(PROGRAM_LEVELS);
      const programs = Array.from({ length: CANDIDATES }, () => writeProgram(chosen, random, split === 'held-out-shapes'));
      return { index, level: chosen, programs };
    });
    const runs = runPrograms(
      batch.flatMap((entry) => entry.programs),
      { trusted: true },
    );
    batch.forEach((entry, position) => {
      const found = entry.programs.findIndex((program, candidate) => usable(program, runs[position * CANDIDATES + candidate]));
      const program = entry.programs[found];
      const run = runs[position * CANDIDATES + found];
      if (program === undefined || !run?.ok) return;
      problems[entry.index] = {
        id: `program-trace/L${entry.level}/seed${seed}${split === 'train' ? '' : `/${split}`}/${entry.index}`,
        task: 'program-trace',
        question: programQuestion(program),
        answer: outputAnswer(run.output),
        level: entry.level,
      };
    });
  }
  return problems as TaskProblem[];
}

const programAnswerKey: Partial<AnswerKey> = {
  extract: (text) => {
    const stated = findFinalAnswer(text);
    return stated === undefined || isRefusal(stated) ? undefined : stated;
  },
  normalize: normalizeOutput,
  equivalent: (a, b) => normalizeOutput(a) === normalizeOutput(b),
};

/** Program tracing, levels 1 (straight-line code) to 4 (lists, nested loops); the scratchpad traces the state line by line. */
export const programTraceTask: Task = {
  name: 'program-trace',
  description: 'What a short Python program prints; the scratchpad traces the variables after each executed line.',
  levels: PROGRAM_LEVELS,
  // The checker runs the question's program: using it while answering would be an oracle, so the engine checks steps.
  inferenceVerifier: 'steps',
  generate({ seed, count, level, split = 'train' }) {
    return generateProblems(seed, count, level, split);
  },
  check(question, candidate) {
    const program = programOf(question);
    if (program === undefined) return false;
    const [run] = runPrograms([program]);
    return run?.ok === true && normalizeOutput(candidate) !== '' && normalizeOutput(candidate) === normalizeOutput(run.output);
  },
  matches: (question) => programOf(question) !== undefined,
  outOfScope: programTraceOutOfScope,
  answerKey: programAnswerKey,
};
