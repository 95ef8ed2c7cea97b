/**
 * @module Where a wrong chain first leaves the reference scratchpad (issue #20): the first line of the model's trace
 * that the task's own correct trace does not contain, put under one kind (plan, digit, copy, early stop, format).
 */
import { evaluateExpression } from './expression.js';
import { WAIT_CUE } from './format.js';
import { createRandom } from './random.js';
import { solveTrace } from './solve-trace.js';
import { checkStep, parseStep } from './step-check.js';

/** The kinds, in the order the issue names them. */
export const CHAIN_FAILURE_KINDS = ['plan', 'digit', 'copy', 'early-stop', 'format', 'other'] as const;
export type ChainFailureKind = (typeof CHAIN_FAILURE_KINDS)[number];

/** What each kind means (for tables). */
export const CHAIN_FAILURE_MEANING: Record<ChainFailureKind, string> = {
  plan: 'a true line the correct chain never writes: another operation or order, a wrong decomposition, formula or conversion',
  digit: 'a false line: a digit fact, a column partial, an equation worked in one step',
  copy: 'a number carried wrong: an operand seen nowhere before, a sign or operator misread, a result or given copied wrong, an answer that is not the last result',
  'early-stop': 'every line right, but the chain ends (or gives up) before the correct chain does',
  format: 'no answer (or the context ran out), or a line the task never writes',
  other: 'none of the above',
};

export interface ChainFailure {
  kind: ChainFailureKind;
  /** Which rule fired, e.g. `order`, `decomposition`, `column`, `operand`, `result`, `answer`, `context`. */
  detail: string;
  /** The first line off the reference (absent for early stops and answer faults). */
  line?: string;
}

const integersIn = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);
const HEADER = /^(-?\d+[+\-*/]\d+):/;
/** A long-multiplication or sign plan: `347*58=347*8+347*50`, `15*(-3)=-(15*3)`. */
const PLAN = /^(-?\d+\*\(?-?\d+\)?)=(-?\(?\d+\*\d+(?:\+\d+\*\d+)*\)?)$/;

/**
 * The lines a chain stands by: no blank lines, no cue, no re-check verdicts; a line it later calls `wrong` is dropped
 * with every line written after it (a late re-check voids what was computed from the slip).
 */
export function standingLines(reasoning: string, keepSearchVerdicts = false): string[] {
  const kept: string[] = [];
  const verdict = keepSearchVerdicts ? / right$/ : / (right|yes|no)$/;
  for (const raw of reasoning.split('\n')) {
    const line = raw.trim();
    if (line.endsWith(' wrong')) {
      const slip = line.slice(0, -' wrong'.length);
      const index = kept.findLastIndex((candidate) => candidate === slip || candidate.startsWith(`${slip} `));
      if (index >= 0) kept.length = index;
      continue;
    }
    if (line !== '' && line !== WAIT_CUE && !verdict.test(line)) kept.push(line);
  }
  return kept;
}

/** Two operations on the same numbers in the same order, whatever their operators and signs (`59-63`, `59+63`, `-59+63`). */
const sameNumbers = (a: string, b: string): boolean => integersIn(a).join(',') === integersIn(b).join(',') && a !== b;

/** Evaluates `a*b`, `-(a*b)`, `a*b+c*d` (plan sides) with plain integers. */
function planValue(text: string): number {
  const negative = text.startsWith('-');
  const sum = text
    .replace(/[()-]/g, (character) => (character === '-' && !negative ? '-' : ''))
    .split('+')
    .reduce((total, term) => total + term.split('*').reduce((product, factor) => product * Number(factor), 1), 0);
  return negative ? -sum : sum;
}

/** The operations a reference trace works (`61*9`, `2+7`): its equation left sides, column headers and plan products. */
function referenceOperations(lines: readonly string[]): Set<string> {
  const operations = new Set<string>();
  for (const line of lines) {
    const header = HEADER.exec(line);
    const plan = PLAN.exec(line);
    const step = parseStep(line);
    if (header?.[1]) operations.add(header[1]);
    else if (plan?.[1]) operations.add(plan[1]);
    else if (step && step.partial === undefined) operations.add(step.left);
  }
  return operations;
}

interface Walk {
  /** Numbers written so far (question, results, plan parts); column digits do not count. */
  seen: Set<number>;
  /** The column work under way: its operation and running partial. */
  work?: { operation: string; partial?: string };
}

/** The kind of the first line off the reference, for lines of arithmetic (also the arithmetic inside physics). */
function arithmeticLineFault(line: string, walk: Walk, operations: Set<string>): ChainFailure {
  const unseen = (text: string) => integersIn(text).some((value) => !walk.seen.has(value));
  // The reference's operation on the same numbers with another operator: a sign or operator misread (`59+63` for `59-63`).
  const misread = (operation: string) =>
    !operations.has(operation) && [...operations].some((candidate) => sameNumbers(candidate, operation));
  const header = HEADER.exec(line);
  if (header?.[1]) {
    if (unseen(header[1])) return { kind: 'copy', detail: 'operand', line };
    if (misread(header[1])) return { kind: 'copy', detail: 'operator', line };
    return operations.has(header[1]) ? { kind: 'digit', detail: 'header', line } : { kind: 'plan', detail: 'order', line };
  }
  const plan = PLAN.exec(line);
  if (plan?.[1] && plan[2]) {
    if (unseen(plan[1])) return { kind: 'copy', detail: 'operand', line };
    if (planValue(plan[1].replace(/[()]/g, '')) !== planValue(plan[2])) return { kind: 'plan', detail: 'decomposition', line };
    return { kind: 'plan', detail: operations.has(plan[1]) ? 'decomposition' : 'order', line };
  }
  const step = parseStep(line);
  if ((step && step.partial !== undefined) || / r\d+/.test(line)) return { kind: 'digit', detail: 'column', line };
  if (!step) return { kind: 'format', detail: 'unreadable', line };
  if (unseen(step.left)) return { kind: 'copy', detail: 'operand', line };
  if (misread(step.left)) return { kind: 'copy', detail: 'operator', line };
  if (checkStep(line)) return { kind: 'plan', detail: 'order', line };
  // Column work that ended on the true value (up to a place's zeros) and an equation that writes another: a copy.
  const truth = Math.abs(evaluateExpression(step.left) ?? Number.NaN);
  const partial = walk.work?.operation === step.left && walk.work.partial !== undefined ? Number(walk.work.partial) : undefined;
  if (partial !== undefined && [1, 10, 100, 1000].some((zeros) => partial * zeros === truth))
    return { kind: 'copy', detail: 'result', line };
  return { kind: 'digit', detail: partial === undefined ? 'equation' : 'column-result', line };
}

/** Records an on-reference line in the walk. */
function follow(line: string, walk: Walk): void {
  const header = HEADER.exec(line);
  const step = parseStep(line);
  if (header?.[1]) walk.work = { operation: header[1] };
  else if (step?.partial !== undefined) {
    if (walk.work) walk.work.partial = step.partial;
    return;
  } else if (/ r\d+ >/.test(line)) return;
  for (const value of integersIn(line)) walk.seen.add(value);
}

/** Removes one copy of each item of `taken` from `lines`; returns what is left. */
function remainder(lines: readonly string[], taken: readonly string[]): string[] {
  const left = [...lines];
  for (const line of taken) {
    const index = left.indexOf(line);
    if (index >= 0) left.splice(index, 1);
  }
  return left;
}

/**
 * Why a wrong arithmetic or physics answer is wrong: the first line the correct trace (`solveTrace`, no
 * self-correction) does not contain. Lines of the reference may come in another order; a line off it is typed by what
 * it is (header, plan, column line, equation, formula, substitution, conversion) and whether it holds.
 */
export function classifyChainFailure(
  problem: { task: 'arithmetic' | 'physics'; question: string },
  reasoning: string,
  answer: string,
  ranOut = false,
): ChainFailure {
  const reference = solveTrace(problem, 'none', createRandom(0));
  if (!reference) return { kind: 'other', detail: 'no-reference' };
  const operations = referenceOperations(reference.lines);
  const walk: Walk = { seen: new Set(integersIn(problem.question)) };
  const lines = standingLines(reasoning);
  const followed: string[] = [];
  let pending = [...reference.lines];
  for (const line of lines) {
    const index = pending.indexOf(line);
    if (index >= 0) {
      pending.splice(index, 1);
      followed.push(line);
      follow(line, walk);
      continue;
    }
    return problem.task === 'physics' ? physicsLineFault(line, walk, operations) : arithmeticLineFault(line, walk, operations);
  }
  pending = remainder(reference.lines, followed);
  if (ranOut) return { kind: 'format', detail: 'context' };
  if (!/\d/.test(answer)) return { kind: 'format', detail: 'no-answer' };
  if (pending.length > 0) return { kind: 'early-stop', detail: `${pending.length} lines short` };
  return { kind: 'copy', detail: 'answer' };
}

/** Physics lines: a formula (`KE = m*v^2/2`), a substitution (`v = 90 m / 10 s`), a result (`v = 9 m/s`), a conversion (`1 m/s = 18/5 km/h`). */
function physicsLineFault(line: string, walk: Walk, operations: Set<string>): ChainFailure {
  if (/^\d[\d./]* ?[A-Za-z][^=]* = [\d./]+ ?[A-Za-z]/.test(line)) return { kind: 'plan', detail: 'conversion', line };
  const named = /^([A-Za-z_]+) = (.+)$/.exec(line);
  if (named?.[2]) {
    const quantities = named[2].match(/-?\d+(?:\.\d+)? ?[A-Za-z]/g) ?? [];
    if (quantities.length === 0) return { kind: 'plan', detail: 'formula', line };
    if (quantities.length === 1 && !/[*/()]| [-+] /.test(named[2].replace(/[A-Za-z]+\/[A-Za-z^0-9]+/g, 'u')))
      return { kind: 'copy', detail: 'result', line };
    const unseen = integersIn(quantities.join(' ')).some((value) => !walk.seen.has(value));
    return unseen ? { kind: 'copy', detail: 'given', line } : { kind: 'plan', detail: 'substitution', line };
  }
  return arithmeticLineFault(line, walk, operations);
}

/**
 * Why a wrong Countdown answer is wrong. Its search has no single reference order, so each line is checked on its own:
 * a false equation (digit), a number not on the board it works from or a wrong `[..]` list (copy); if every line holds,
 * a line that reached the target with a wrong answer is a copy, a search that never reached it ended early.
 */
export function classifyCountdownFailure(question: string, reasoning: string, answer: string, ranOut = false): ChainFailure {
  const draw = /Use ([\d, ]+) to make (\d+)/.exec(question);
  if (!draw?.[1] || !draw[2]) return { kind: 'other', detail: 'unreadable-question' };
  const numbers = draw[1].split(',').map((part) => Number(part.trim()));
  const target = Number(draw[2]);
  const boards: number[][] = [numbers];
  let reached = false;
  for (const line of standingLines(reasoning, true)) {
    const step = parseStep(line);
    if (!step) {
      if (/^cannot make/.test(line)) continue;
      return { kind: 'format', detail: 'unreadable', line };
    }
    if (!checkStep(line)) return { kind: 'digit', detail: 'equation', line };
    const operands = integersIn(step.left);
    const board = boards.find((candidate) => removeAll(candidate, operands) !== undefined);
    if (!board) return { kind: 'copy', detail: 'operand', line };
    if (step.remaining) {
      const expected = [...(removeAll(board, operands) ?? []), step.right].sort((a, b) => a - b);
      if (expected.join(',') !== [...step.remaining].sort((a, b) => a - b).join(',')) return { kind: 'copy', detail: 'board', line };
      boards.unshift(step.remaining);
    }
    if (step.right === target && step.verdict !== 'no') reached = true;
  }
  if (ranOut) return { kind: 'format', detail: 'context' };
  if (answer.trim() === '') return { kind: 'format', detail: 'no-answer' };
  if (reached) return { kind: 'copy', detail: 'answer' };
  return { kind: 'early-stop', detail: /no solution/i.test(answer) ? 'gave-up' : 'search-ended' };
}

/** The multiset `board` without `taken`, or undefined when one of them is not on it. */
function removeAll(board: readonly number[], taken: readonly number[]): number[] | undefined {
  const left = [...board];
  for (const value of taken) {
    const index = left.indexOf(value);
    if (index < 0) return undefined;
    left.splice(index, 1);
  }
  return left;
}
