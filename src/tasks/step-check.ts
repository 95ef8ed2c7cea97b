/** @module The exact process checker: is one scratchpad line (a self-contained equation) right? */
import { evaluateExpression } from './expression.js';
import { checkPhysicsStep } from './physics-step-check.js';
import { checkProgramTraceLine } from './program-trace-step.js';

/** The verdict words a scratchpad line may end with. */
export type StepVerdict = 'no' | 'yes' | 'right' | 'wrong';

/** A scratchpad line taken apart: `25+50=75 [3,7,75]`, `68-3=65 no`, `347*8=2786 wrong`, `4+8+1=13 >32`. */
export interface ParsedStep {
  /** The bare equation, e.g. `347*8=2776`. */
  equation: string;
  left: string;
  /** The claimed value. */
  right: number;
  verdict?: StepVerdict;
  /** Numbers left after this step (Countdown search lines). */
  remaining?: number[];
  /** Running partial result of column work (`4+8+1=13 >32`). */
  partial?: string;
}

/** Parses a scratchpad line into its equation and annotations; undefined when the line is not an equation. */
export function parseStep(line: string): ParsedStep | undefined {
  let text = line.trim();
  let verdict: StepVerdict | undefined;
  let remaining: number[] | undefined;
  const verdictMatch = / (no|yes|right|wrong)$/.exec(text);
  if (verdictMatch) {
    verdict = verdictMatch[1] as StepVerdict;
    text = text.slice(0, verdictMatch.index).trimEnd();
  }
  let partial: string | undefined;
  const partialMatch = / >(\d+)$/.exec(text);
  if (partialMatch) {
    partial = partialMatch[1];
    text = text.slice(0, partialMatch.index).trimEnd();
  }
  const bracketMatch = / \[([0-9,\- ]*)\]$/.exec(text);
  if (bracketMatch) {
    remaining = (bracketMatch[1] ?? '')
      .split(',')
      .filter((part) => part.trim() !== '')
      .map(Number);
    text = text.slice(0, bracketMatch.index).trimEnd();
  }
  const equationMatch = /^([0-9+\-*/() ]+)=\s*(-?\d+)$/.exec(text);
  if (!equationMatch) return undefined;
  const left = (equationMatch[1] ?? '').trim();
  if (!/\d/.test(left)) return undefined;
  const step: ParsedStep = { equation: `${left}=${equationMatch[2]}`, left, right: Number(equationMatch[2]) };
  if (verdict) step.verdict = verdict;
  if (remaining) step.remaining = remaining;
  if (partial !== undefined) step.partial = partial;
  return step;
}

/** A long-division step (`27/11=2 r5 >2`, `100/7=14 r2`): right when 27 = 11*2+5 with 5 < 11; undefined for other lines. */
function checkDivisionStep(line: string): boolean | undefined {
  const match = /^(\d+)\/(\d+)=(\d+) r(\d+)(?: >\d+)?$/.exec(line.trim());
  if (!match) return undefined;
  const [dividend, divisor, quotient, remainder] = match.slice(1).map(Number) as [number, number, number, number];
  return divisor > 0 && remainder < divisor && dividend === divisor * quotient + remainder;
}

/** True if the line's equation holds (inverted for a line that declares itself `wrong`); other lines go to the physics line checker (units, formulas); undefined when neither applies. */
export function checkStep(line: string): boolean | undefined {
  const step = parseStep(line);
  if (!step) return checkDivisionStep(line) ?? checkPhysicsStep(line) ?? checkProgramTraceLine(line);
  const value = evaluateExpression(step.left);
  if (value === undefined) return false;
  const holds = value === step.right;
  return step.verdict === 'wrong' ? !holds : holds;
}
