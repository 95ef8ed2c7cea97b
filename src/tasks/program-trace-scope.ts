/** @module Which program-tracing questions the embedded models can answer: the statement forms they were trained on, and a trace that fits their context. */
import { formatSolve, MAX_EXAMPLE_CHARS } from './format.js';
import { programOf } from './program-trace-question.js';
import { runPrograms } from './program-trace-runner.js';
import { outputAnswer, traceLines } from './program-trace-scratchpad.js';

/** Longest program (characters) the generator writes, with some room. */
const MAX_PROGRAM_CHARS = 120;
/** A name, an int, a list of ints, `a[i]`, `len(a)`, joined by `+ - * // %`, comparisons and brackets. */
const EXPRESSION = /^(?:[A-Za-z_]\w*|\d+|\[[\d, -]*\]|[A-Za-z_]\w*\[-?\w+\]|len\(\w+\)|range\([\w, +-]*\)|[-+*%/(),<>=! ]|\/\/)*$/;
const STATEMENTS: readonly RegExp[] = [
  /^[A-Za-z_]\w* *(?:[-+*%]|\/\/)?= *(.+)$/,
  /^for [A-Za-z_]\w* in (.+):$/,
  /^(?:if|elif|while) (.+):$/,
  /^else:$/,
  /^print\((.*)\)$/,
  /^[A-Za-z_]\w*\.append\((.+)\)$/,
];

/** The first line the embedded models were not trained on, or undefined when every line is of a trained form. */
function foreignLine(program: string): string | undefined {
  return program.split('\n').find((line) => {
    const text = line.trim();
    const form = STATEMENTS.map((pattern) => pattern.exec(text)).find((match) => match !== null);
    if (!form) return true;
    const expression = form[1];
    if (expression === undefined) return false;
    return !EXPRESSION.test(expression) || expression.includes('**') || /\b(?:def|class|import|lambda|True|False|None)\b/.test(expression);
  });
}

/**
 * Why the embedded models cannot trace this question's program reliably (a statement form they never saw, a program
 * longer than theirs, a trace that does not fit their context), or undefined when it is within their training.
 * @example programTraceOutOfScope('What does this program print?\nimport os\nprint(1)') // 'the line `import os` is ...'
 */
export function programTraceOutOfScope(question: string): string | undefined {
  const program = programOf(question);
  if (program === undefined) return undefined;
  const foreign = foreignLine(program);
  if (foreign !== undefined) {
    return `the line \`${foreign.trim()}\` is outside the integer variables, lists, loops and conditionals they were trained on`;
  }
  if (program.length > MAX_PROGRAM_CHARS) {
    return `the program has ${program.length} characters; they were trained on programs of up to about 100`;
  }
  const [run] = runPrograms([program]);
  // A program that fails is left to the model: declining because it fails would hand out the answer.
  if (!run?.ok) return undefined;
  const example = formatSolve(question, traceLines(program, run), outputAnswer(run.output));
  const length = example.prompt.length + example.completion.length;
  if (length > MAX_EXAMPLE_CHARS) return `its trace takes ${length} characters, more than their context of ${MAX_EXAMPLE_CHARS}`;
  return undefined;
}
