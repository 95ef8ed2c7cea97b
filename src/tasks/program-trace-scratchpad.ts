/**
 * @module The tracing scratchpad: one line per executed step, read from the sandbox's run. A line is the state after
 * the step (`i=2 s=3+2=5`, the assigned variable with its computation), a branch (`2%2==0 yes`) or a print (`print 5`).
 */
import type { ProgramRun, TraceStep } from './program-trace-runner.js';

type Value = number | number[];
type Kind = 'for' | 'branch' | 'print' | 'assign' | 'other';

interface SourceLine {
  kind: Kind;
  indent: number;
  /** for: the loop variable; assign: the target; branch: the condition. */
  subject: string;
  /** assign: the operator (`=`, `+=`, ...) and the expression. */
  operator?: string;
  expression?: string;
}

function parseLine(text: string): SourceLine {
  const indent = /^ */.exec(text)?.[0].length ?? 0;
  const line = text.trim();
  let match = /^for (\w+) in .+:$/.exec(line);
  if (match) return { kind: 'for', indent, subject: match[1] as string };
  match = /^(?:if|elif|while) (.+):$/.exec(line);
  if (match) return { kind: 'branch', indent, subject: match[1] as string };
  if (/^print\(.*\)$/.test(line)) return { kind: 'print', indent, subject: '' };
  match = /^(\w+)\.append\(.*\)$/.exec(line);
  if (match) return { kind: 'assign', indent, subject: match[1] as string };
  match = /^(\w+) *(\+|-|\*|\/\/|%)?= *(.+)$/.exec(line);
  if (match) return { kind: 'assign', indent, subject: match[1] as string, operator: match[2] ?? '', expression: match[3] as string };
  return { kind: 'other', indent, subject: '' };
}

const show = (value: Value): string => (Array.isArray(value) ? `[${value.join(',')}]` : String(value));

/** The expression with each variable replaced by its value before the step (`s + i` → `3+2`), spaces dropped. */
function substitute(expression: string, before: ReadonlyMap<string, Value>): string {
  return expression
    .replace(/\b[A-Za-z_]\w*\b/g, (name) => {
      const value = before.get(name);
      if (value === undefined) return name;
      return typeof value === 'number' && value < 0 ? `(${value})` : show(value);
    })
    .replace(/\s+/g, '');
}

const hasOperator = (text: string): boolean => /[+*%/]|(?<=[\w)\]])-/.test(text);

/** The computation written for an assignment: `s += i` with s=3, i=2 → `3+2`; undefined when it computes nothing. */
function computation(source: SourceLine, before: ReadonlyMap<string, Value>): string | undefined {
  if (source.expression === undefined) return undefined;
  let right = substitute(source.expression, before);
  if (source.operator) {
    const old = before.get(source.subject);
    if (old === undefined || Array.isArray(old)) return undefined;
    if (hasOperator(right) && source.operator !== '+') right = `(${right})`;
    right = `${old < 0 ? `(${old})` : old}${source.operator}${right}`;
  }
  return hasOperator(right) ? right : undefined;
}

/** The state line: every variable in order of first assignment; the assigned one with its computation. */
function stateLine(state: TraceStep['state'], assigned: string | undefined, work: string | undefined): string {
  return state.map(([name, value]) => (name === assigned && work ? `${name}=${work}=${show(value)}` : `${name}=${show(value)}`)).join(' ');
}

/** The program's output as one answer line: printed lines joined by single spaces. */
export function outputAnswer(output: string): string {
  return output
    .trim()
    .split(/\s*\n\s*/)
    .join(' ');
}

/** The scratchpad lines of a successful run of `program`. */
export function traceLines(program: string, run: Extract<ProgramRun, { ok: true }>): string[] {
  const source = program.split('\n').map(parseLine);
  const lines: string[] = [];
  let before = new Map<string, Value>();
  run.steps.forEach((step, index) => {
    const line = source[step.line - 1];
    const next = run.steps[index + 1]?.line;
    if (line?.kind === 'branch') {
      lines.push(`${substitute(line.subject, before)} ${next === step.line + 1 ? 'yes' : 'no'}`);
    } else if (line?.kind === 'print') {
      lines.push(`print ${outputAnswer(step.printed)}`);
    } else if (line?.kind === 'for') {
      // The header runs once more when the loop ends; only the runs that start an iteration are steps.
      if (next === step.line + 1) lines.push(stateLine(step.state, undefined, undefined));
    } else if (line?.kind === 'assign') {
      lines.push(stateLine(step.state, line.subject, computation(line, before)));
    }
    before = new Map(step.state);
  });
  return lines;
}
