/** @module Reads code-writing benchmarks in HumanEval's and MBPP's JSONL formats into problems whose hidden tests grade the code. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { TaskProblem } from '../../spec/index.js';

/** The two published formats. */
export type CodeFormat = 'humaneval' | 'mbpp';

/** `--task humaneval:PATH` and `--task mbpp:PATH`. */
export const CODE_PREFIXES: Record<string, CodeFormat> = { 'humaneval:': 'humaneval', 'mbpp:': 'mbpp' };

/** What a code problem carries in `meta`: the hidden tests that grade, the visible ones the model may get feedback from. */
export interface CodeProblemMeta {
  /** Test source: HumanEval's `def check(candidate)` or MBPP's asserts. */
  tests: string;
  /** The function HumanEval's `check` is called with. */
  entryPoint?: string;
  /** Tests shown in (or read from) the question: the feedback best-of-N and refine may use, never the hidden ones. */
  visibleTests: string;
}

/** True for a problem of a code benchmark. */
export function isCodeProblem(problem: Pick<TaskProblem, 'task'>): boolean {
  return problem.task === 'humaneval' || problem.task === 'mbpp';
}

/** The code meta of a problem, or undefined when it is not a code problem. */
export function codeMeta(problem: TaskProblem): CodeProblemMeta | undefined {
  const meta = problem.meta as Partial<CodeProblemMeta> | undefined;
  return isCodeProblem(problem) && typeof meta?.tests === 'string'
    ? { tests: meta.tests, visibleTests: meta.visibleTests ?? '', ...(meta.entryPoint ? { entryPoint: meta.entryPoint } : {}) }
    : undefined;
}

/** `>>> f(1)` then `2` in a docstring → `assert f(1) == 2`: the examples a HumanEval prompt shows. */
export function doctestAsserts(prompt: string): string {
  const lines = prompt.split('\n').map((line) => line.trim());
  const asserts: string[] = [];
  lines.forEach((line, index) => {
    const call = /^>>> (.+)$/.exec(line)?.[1];
    const expected = lines[index + 1];
    if (call !== undefined && expected !== undefined && expected !== '' && !expected.startsWith('>>>') && !expected.startsWith('"""')) {
      asserts.push(`assert ${call} == ${expected}`);
    }
  });
  return asserts.join('\n');
}

const fence = (code: string): string => `\`\`\`python\n${code.replace(/\s+$/, '')}\n\`\`\``;

function invalid(message: string, path: string, cause?: unknown): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, message, {
    hint: `Check the file after humaneval: or mbpp: (${path}): one JSON object per line in the benchmark's own format.`,
    param: 'task',
    ...(cause === undefined ? {} : { cause }),
  });
}

function problemOf(format: CodeFormat, name: string, line: number, row: Record<string, unknown>, path: string): TaskProblem {
  const text = (key: string): string | undefined => (typeof row[key] === 'string' ? (row[key] as string) : undefined);
  const id = `${format}/${String(row['task_id'] ?? `${name}/${line}`)}`;
  if (format === 'humaneval') {
    const [prompt, test, entryPoint] = [text('prompt'), text('test'), text('entry_point')];
    if (!prompt || !test || !entryPoint) throw invalid(`Line ${line} of ${path} lacks prompt, test or entry_point`, path);
    const meta: CodeProblemMeta = { tests: test, entryPoint, visibleTests: doctestAsserts(prompt) };
    const question = `Complete this Python function. Reply with the whole function in one Python code block.\n\n${fence(prompt)}`;
    return { id, task: 'humaneval', question, meta: { ...meta, line } };
  }
  const tests = row['test_list'];
  const description = text('text') ?? text('prompt');
  if (!description || !Array.isArray(tests) || tests.length === 0 || !tests.every((test) => typeof test === 'string')) {
    throw invalid(`Line ${line} of ${path} lacks text or test_list`, path);
  }
  const setup = text('test_setup_code') ?? '';
  const shown = tests[0] as string;
  const meta: CodeProblemMeta = { tests: [setup, ...tests].filter((part) => part.trim() !== '').join('\n'), visibleTests: shown };
  const question = `${description}\nYour code should pass this test:\n${fence(shown)}\nReply with the code in one Python code block.`;
  return { id, task: 'mbpp', question, meta: { ...meta, line } };
}

/** Loads every problem of a HumanEval or MBPP JSONL file. */
export function loadCodeProblems(format: CodeFormat, path: string): TaskProblem[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw invalid(`Cannot read dataset file ${path}`, path, error);
  }
  const name = basename(path).replace(/\.jsonl?$/, '');
  const problems: TaskProblem[] = [];
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw invalid(`Line ${index + 1} of ${path} is not JSON`, path, error);
    }
    if (typeof row !== 'object' || row === null) throw invalid(`Line ${index + 1} of ${path} is not an object`, path);
    problems.push(problemOf(format, name, index + 1, row as Record<string, unknown>, path));
  });
  return problems;
}
