/** @module Solve traces for any built-in task, with optional self-correction (a slip, `Wait, let me check.`, the fix). */
import type { TaskProblem } from '../spec/task.js';
import { buildArithmeticTrace, extractArithmeticExpression, type TraceOverride } from './arithmetic-trace.js';
import { columnWork, divisionWork, MAX_WORKED_DIVISOR } from './column-work.js';
import { parseCountdownQuestion } from './countdown.js';
import { canMakeCountdown } from './countdown-answer.js';
import { declineCountdown, searchCountdown } from './countdown-trace.js';
import { parseExpression } from './expression.js';
import { normalizeQuestion, WAIT_CUE } from './format.js';
import { corruptNumber, corruptResult } from './mistakes.js';
import { physicsSolveTrace } from './physics-trace.js';
import { programTraceSolveTrace } from './program-trace.js';
import { createRandom, type Random } from './random.js';
import { formatMixed, rational } from './rational.js';

/** How a solve trace re-checks itself: not at all, a slip fixed at once, a slip found at the end, or a final confirmation. */
export type CorrectionMode = 'none' | 'immediate' | 'late' | 'confirm';

/** A scratchpad and its answer. */
export interface SolveTrace {
  lines: string[];
  answer: string;
  mode: CorrectionMode;
  /** Indices (into lines) of deliberate mistakes, each followed later by its `... wrong` line and the fix. */
  mistakes: number[];
}

/** Writes the arithmetic scratchpad for a question, with the requested self-correction mode and column work. */
export function arithmeticSolveTrace(question: string, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  const division = inexactDivisionTrace(question);
  if (division) return division;
  const trace = arithmeticEquationTrace(question, mode, random);
  return trace && withColumnWork(trace);
}

/**
 * Puts column work before every computed equation: bare equations, not the slip (a slip is a careless line written
 * without work) and not the re-check lines that carry a verdict. Mistake indices move with their lines.
 */
function withColumnWork(trace: SolveTrace): SolveTrace {
  const lines: string[] = [];
  const mistakes: number[] = [];
  trace.lines.forEach((line, index) => {
    if (trace.mistakes.includes(index)) mistakes.push(lines.length);
    else if (/^[\d+\-*/]+=-?\d+$/.test(line)) lines.push(...columnWork(line.slice(0, line.indexOf('='))));
    lines.push(line);
  });
  return { ...trace, lines, mistakes };
}

/**
 * `100/7`: the long division, `100/7=14 r2`, and the answer as a mixed number `14 2/7` (a remainder over the divisor,
 * reduced by its own line: `10/4=2 r2`, `2/4=1/2`, `2 1/2`). Only for a question that is one inexact division.
 */
function inexactDivisionTrace(question: string): SolveTrace | undefined {
  const expression = extractArithmeticExpression(normalizeQuestion(question));
  const match = expression === undefined ? null : /^(\d+)\/(\d+)$/.exec(expression.replace(/\s+/g, ''));
  if (!match) return undefined;
  const [dividend, divisor] = [Number(match[1]), Number(match[2])];
  if (divisor < 1 || divisor > MAX_WORKED_DIVISOR || dividend % divisor === 0) return undefined;
  const { quotient, remainder } = divisionWork(dividend, divisor);
  const lines = [...columnWork(`${dividend}/${divisor}`), `${dividend}/${divisor}=${quotient} r${remainder}`];
  const value = rational(BigInt(remainder), BigInt(divisor));
  if (!value) return undefined;
  if (value.denominator !== BigInt(divisor)) lines.push(`${remainder}/${divisor}=${value.numerator}/${value.denominator}`);
  const answer = formatMixed(rational(BigInt(dividend), BigInt(divisor)) ?? value);
  return { lines, answer, mode: 'none', mistakes: [] };
}

function arithmeticEquationTrace(question: string, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  const expression = extractArithmeticExpression(normalizeQuestion(question));
  const tree = expression === undefined ? undefined : parseExpression(expression);
  if (!tree) return undefined;
  const build = (override?: TraceOverride) => buildArithmeticTrace(tree, override);
  let correct: ReturnType<typeof build>;
  try {
    correct = build();
  } catch {
    return undefined;
  }
  const texts = correct.lines.map((line) => line.text);
  const answer = String(correct.value);
  // Plan lines compute nothing: they are never slipped and never re-checked.
  const rechecked = (upTo: number) =>
    correct.lines
      .slice(0, upTo)
      .filter((line) => !line.plan)
      .map((line) => `${line.text} right`);
  const slippable = correct.lines.flatMap((line, index) => (line.plan ? [] : [index]));
  if (mode === 'none' || slippable.length === 0) return { lines: texts, answer, mode: 'none', mistakes: [] };
  if (mode === 'confirm') return { lines: [...texts, WAIT_CUE, ...rechecked(texts.length)], answer, mode, mistakes: [] };
  const index = random.pick(slippable);
  const slipLine = correct.lines[index]!;
  let wrongLines: string[];
  try {
    wrongLines = build({ index, value: corruptResult(slipLine.expression, slipLine.value, random) }).lines.map((line) => line.text);
  } catch {
    return { lines: texts, answer, mode: 'none', mistakes: [] };
  }
  const slip = wrongLines[index]!;
  if (mode === 'immediate') {
    const lines = [...texts.slice(0, index), slip, WAIT_CUE, `${slip} wrong`, ...texts.slice(index)];
    return { lines, answer, mode, mistakes: [index] };
  }
  const recheck = rechecked(index);
  return { lines: [...wrongLines, WAIT_CUE, ...recheck, `${slip} wrong`, ...texts.slice(index)], answer, mode, mistakes: [index] };
}

/** Writes a Stream-of-Search Countdown trace; `immediate` slips one intermediate result and fixes it, `confirm` re-checks the answer. */
export function countdownSolveTrace(question: string, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  const parsed = parseCountdownQuestion(question);
  if (!parsed) return undefined;
  const search =
    searchCountdown(parsed.numbers, parsed.target, random, { noise: 0.6 }) ??
    searchCountdown(parsed.numbers, parsed.target, createRandom(0), { noise: 0 });
  if (!search) {
    // A draw proved unsolvable gets a bounded search that declines; one the search merely missed gets no trace.
    if (parsed.numbers.length > 5 || canMakeCountdown(parsed.numbers, parsed.target)) return undefined;
    return { ...declineCountdown(parsed.numbers, parsed.target, random, { noise: 0.6 }), mode: 'none', mistakes: [] };
  }
  const lines = [...search.lines];
  if (mode === 'confirm') {
    // Re-check the whole answer expression against the target in one checkable line.
    return { lines: [...lines, WAIT_CUE, `${search.expression}=${parsed.target} right`], answer: search.expression, mode, mistakes: [] };
  }
  const candidates = lines.map((line, index) => (/ \[/.test(line) ? index : -1)).filter((index) => index >= 0);
  if (mode !== 'immediate' || candidates.length === 0) return { lines, answer: search.expression, mode: 'none', mistakes: [] };
  const index = random.pick(candidates);
  const match = /^(.*)=(\d+) \[(.*)\]$/.exec(lines[index]!);
  if (!match) return { lines, answer: search.expression, mode: 'none', mistakes: [] };
  const value = Number(match[2]);
  const wrong = corruptNumber(value, random);
  const remaining = (match[3] ?? '').split(',').map(Number);
  remaining.splice(remaining.indexOf(value), 1, wrong);
  remaining.sort((x, y) => x - y);
  const slip = `${match[1]}=${wrong} [${remaining.join(',')}]`;
  lines.splice(index, 0, slip, WAIT_CUE, `${match[1]}=${wrong} wrong`);
  return { lines, answer: search.expression, mode, mistakes: [index] };
}

/** A solve trace for a problem of any built-in task (undefined for unknown tasks or unsupported questions). */
export function solveTrace(problem: Pick<TaskProblem, 'task' | 'question'>, mode: CorrectionMode, random: Random): SolveTrace | undefined {
  if (problem.task === 'arithmetic') return arithmeticSolveTrace(problem.question, mode, random);
  if (problem.task === 'countdown') return countdownSolveTrace(problem.question, mode, random);
  if (problem.task === 'program-trace') return programTraceSolveTrace(problem.question, mode, random);
  if (problem.task === 'physics') return physicsSolveTrace(problem.question, mode, random);
  return undefined;
}
