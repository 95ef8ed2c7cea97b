/**
 * @module Why an arithmetic scratchpad ended on a wrong answer: the first line that went wrong, by kind. Tells an
 * arithmetic slip (a digit fact, an equation) from a copying error (an operand that appears nowhere before it) and from
 * a chain whose every line is right but computes the wrong thing (operator, precedence, the wrong earlier result).
 */
import { extractArithmeticExpression } from './arithmetic-trace.js';
import { evaluateExpression } from './expression.js';
import { parseStep } from './step-check.js';

/** The kinds of failure, from the smallest unit that can go wrong (a digit) up to the whole chain and the answer. */
export const FAILURE_KINDS = [
  'digit-fact',
  'column-partial',
  'result-copy',
  'equation',
  'operand-copy',
  'structure',
  'answer-copy',
  'no-answer',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What each kind means (for tables). */
export const FAILURE_MEANING: Record<FailureKind, string> = {
  'digit-fact': 'a column line states a wrong single-digit fact (`7*8=54`)',
  'column-partial': 'every digit fact holds but the running partial is wrong (a carry or a digit dropped or misplaced)',
  'result-copy': 'the column work ends on the right value and the equation line below it writes another',
  equation: 'an equation line with no column work under it is wrong (`1566-71=1485` worked in one step)',
  'operand-copy': 'a line works on a number that appears nowhere before it (`2466` copied as `246`)',
  structure:
    'every line holds and every operand was seen, yet the chain computes the wrong thing (operator, precedence, the wrong earlier result)',
  'answer-copy': 'the chain is right but the `A:` line does not repeat its last result',
  'no-answer': 'no numeric answer',
};

const integersIn = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);

/**
 * Classifies a wrong answer to an arithmetic question from its scratchpad (`reasoning`, the lines inside the think
 * block) and its answer text. Lines a trace later declares `wrong` (a self-correction) are skipped, so a slip that was
 * caught does not count as the failure.
 */
export function classifyArithmeticFailure(question: string, reasoning: string, answer: string): FailureKind {
  const expression = extractArithmeticExpression(question) ?? question;
  if (!/^-?\d+$/.test(answer.trim())) return 'no-answer';
  const lines = reasoning.split('\n').map((line) => line.trim());
  const retracted = new Set(lines.filter((line) => line.endsWith(' wrong')).map((line) => line.slice(0, -' wrong'.length)));
  const seen = new Set(integersIn(expression));
  const unseen = (text: string) => integersIn(text).some((value) => !seen.has(value));
  let last: number | undefined;
  /** The operation the column work below a header computes, and its running partial so far. */
  let work: { expression: string; partial?: string } | undefined;
  for (const line of lines) {
    if (line === '' || retracted.has(line) || / (right|wrong|yes|no)$/.test(line)) continue;
    const plan = /^(\d+\*\d+)=(\d+\*\d+(?:\+\d+\*\d+)*)$/.exec(line);
    if (plan) {
      if (unseen(plan[1] ?? '')) return 'operand-copy';
      for (const value of integersIn(plan[2] ?? '')) seen.add(value);
      continue;
    }
    const header = /^(-?\d+[+\-*]\d+):/.exec(line);
    if (header) {
      if (unseen(header[1] ?? '')) return 'operand-copy';
      work = { expression: header[1] ?? '' };
      continue;
    }
    const step = parseStep(line);
    if (!step) continue;
    const value = evaluateExpression(step.left);
    const holds = value === step.right;
    if (step.partial !== undefined) {
      if (!holds) return 'digit-fact';
      if (work) work.partial = step.partial;
      continue;
    }
    if (unseen(step.left)) return 'operand-copy';
    if (!holds) {
      if (work?.partial === undefined || work.expression !== step.left) return 'equation';
      // A product's columns leave out the place factor's zeros (`411*20:` works 411*2 and ends on 822).
      const truth = Math.abs(value ?? Number.NaN);
      const partial = Number(work.partial);
      return [1, 10, 100, 1000].some((zeros) => partial * zeros === truth) ? 'result-copy' : 'column-partial';
    }
    work = undefined;
    seen.add(Math.abs(step.right));
    last = step.right;
  }
  return last !== undefined && Number(answer.trim()) !== last ? 'answer-copy' : 'structure';
}
