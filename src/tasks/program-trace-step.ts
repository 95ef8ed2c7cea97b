/**
 * @module Step checkers for tracing scratchpads: a line alone (its computations and its comparison, evaluated by Python
 * in the sandbox) for process rewards, and a whole scratchpad against the program's real trace.
 */
import { SlowthinkError } from '../errors/index.js';
import { programTrace, slipLine } from './program-trace.js';
import { runPrograms } from './program-trace-runner.js';
import type { Random } from './random.js';

/** `s=3+2=5`: a variable, the computation with values substituted, the value. */
const COMPUTED = /^[A-Za-z_]\w*=([-\d+*/%()]+)=(-?\d+)$/;
/** `i=2`, `a=[1,2]`: a variable and its value. */
const PLAIN = /^[A-Za-z_]\w*=(?:-?\d+|\[[-\d,]*\])$/;
/** `3%2==1 yes`: a comparison with values substituted and whether it held. */
const BRANCH = /^([-\d+*/%()]+(?:==|!=|<=|>=|<|>)[-\d+*/%()]+) (yes|no)$/;

/** Python's value of integer expressions (digits, `+ - * // % ()` and comparisons only), or undefined where one fails. */
function evaluate(expressions: readonly string[]): Array<string | undefined> | undefined {
  if (expressions.some((expression) => expression.length > 200 || expression.includes('**'))) return undefined;
  try {
    // Nothing but digits, operators and brackets gets here, so the shared process is safe for them.
    const runs = runPrograms(
      expressions.map((expression) => `print(${expression})`),
      { trusted: true },
    );
    return runs.map((run) => (run.ok ? run.output.trim() : undefined));
  } catch (error) {
    if (SlowthinkError.isInstance(error)) return undefined;
    throw error;
  }
}

/**
 * Is one tracing line right on its own terms? `s=3+2=5 i=2` when 3+2 is 5 (every computed variable checked), `3%2==1 yes`
 * when the comparison holds. Undefined for lines that compute nothing (`i=2`, `print 5`) or are not tracing lines.
 */
export function checkProgramTraceLine(line: string): boolean | undefined {
  // A line that declares itself `wrong` (a self-correction) is right when its content is not.
  const verdict = / (right|wrong)$/.exec(line.trim());
  const holds = checkContent(verdict ? line.trim().slice(0, verdict.index) : line);
  return holds === undefined || verdict?.[1] !== 'wrong' ? holds : !holds;
}

function checkContent(line: string): boolean | undefined {
  const text = line.trim();
  const branch = BRANCH.exec(text);
  if (branch) {
    const value = evaluate([branch[1] as string])?.[0];
    if (value !== 'True' && value !== 'False') return undefined;
    return (value === 'True') === (branch[2] === 'yes');
  }
  const tokens = text.split(' ');
  if (!tokens.every((token) => PLAIN.test(token) || COMPUTED.test(token))) return undefined;
  const computed = tokens.flatMap((token) => {
    const match = COMPUTED.exec(token);
    return match ? [{ expression: match[1] as string, value: match[2] as string }] : [];
  });
  if (computed.length === 0) return undefined;
  const values = evaluate(computed.map((entry) => entry.expression));
  if (!values) return undefined;
  // A computation Python cannot do (`5//0`) is a wrong line.
  return computed.every((entry, index) => values[index] === entry.value);
}

/**
 * Each scratchpad line against the program's real trace, in order: a line that is the next real step is right, any
 * other line wrong (the real trace waits for it); lines of self-checking (`Wait, ...`, `... wrong`) are not steps.
 * All undefined when the question's program does not run.
 */
export function checkProgramTraceSteps(question: string, lines: readonly string[]): Array<boolean | undefined> {
  const reference = programTrace(question)?.lines;
  if (!reference) return lines.map(() => undefined);
  let next = 0;
  return lines.map((line) => {
    const text = line.trim();
    if (text === '' || /^Wait\b/.test(text) || / (?:right|wrong)$/.test(text)) return undefined;
    if (text !== reference[next]) return false;
    next++;
    return true;
  });
}

/** A `Check:` example for the mix: a computing line of a real trace, as written (right) or slipped (wrong), half each. */
export function programTraceCheckLine(lines: readonly string[], random: Random): { line: string; right: boolean } | undefined {
  const candidates = lines.filter((line) => slipLine(line, random) !== undefined);
  if (candidates.length === 0) return undefined;
  const line = random.pick(candidates);
  if (random.chance(0.5)) return { line, right: true };
  const slipped = slipLine(line, random);
  return slipped === undefined ? undefined : { line: slipped, right: false };
}
