/** @module Reads local dataset files into problems: plain JSONL, GSM8K and MATH / MATH-500 in their published formats. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { TaskProblem } from '../../spec/index.js';

export type DatasetFormat = 'jsonl' | 'gsm8k' | 'math';

/** The content of the last `\boxed{…}` (braces balanced), or undefined. */
export function lastBoxed(text: string): string | undefined {
  const start = text.lastIndexOf('\\boxed{');
  if (start < 0) return undefined;
  let depth = 0;
  for (let index = start + '\\boxed'.length; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(start + '\\boxed{'.length, index);
  }
  return undefined;
}

function readLines(path: string): Array<{ line: number; value: Record<string, unknown> }> {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Cannot read dataset file ${path}`, {
      hint: 'Check the path after jsonl:, gsm8k: or math:.',
      param: 'task',
      cause: error,
    });
  }
  const rows: Array<{ line: number; value: Record<string, unknown> }> = [];
  content.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      rows.push({ line: index + 1, value: JSON.parse(text) as Record<string, unknown> });
    } catch (error) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Line ${index + 1} of ${path} is not JSON`, { param: 'task', cause: error });
    }
  });
  return rows;
}

function problemFrom(format: DatasetFormat, name: string, line: number, value: Record<string, unknown>): TaskProblem {
  const text = (key: string): string | undefined =>
    typeof value[key] === 'string' || typeof value[key] === 'number' ? String(value[key]) : undefined;
  const id = text('id') ?? text('unique_id') ?? `${format}/${name}/${line}`;
  if (format === 'gsm8k') {
    const solution = text('answer') ?? '';
    const answer = solution.includes('####') ? solution.split('####').pop()?.trim().replaceAll(',', '') : undefined;
    return { id, task: 'gsm8k', question: text('question') ?? '', ...(answer === undefined ? {} : { answer }), meta: { line } };
  }
  if (format === 'math') {
    const answer = text('answer') ?? lastBoxed(text('solution') ?? '');
    const levelMatch = /(\d+)/.exec(text('level') ?? '');
    return {
      id,
      task: 'math',
      question: text('problem') ?? text('question') ?? '',
      ...(answer === undefined ? {} : { answer }),
      ...(levelMatch?.[1] === undefined ? {} : { level: Number(levelMatch[1]) }),
      meta: { line, subject: text('type') ?? text('subject') },
    };
  }
  const level = value['level'];
  return {
    id,
    task: text('task') ?? 'jsonl',
    question: text('question') ?? '',
    ...(text('answer') === undefined ? {} : { answer: text('answer') as string }),
    ...(typeof level === 'number' ? { level } : {}),
    meta: { line },
  };
}

/** Loads every problem of a dataset file; each needs a question. */
export function loadDatasetFile(format: DatasetFormat, path: string): TaskProblem[] {
  const name = basename(path).replace(/\.jsonl?$/, '');
  const problems = readLines(path).map(({ line, value }) => problemFrom(format, name, line, value));
  const empty = problems.find((problem) => problem.question.trim() === '');
  if (empty !== undefined) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Problem ${empty.id} in ${path} has no question`, {
      hint: format === 'math' ? 'MATH lines need a "problem" field.' : 'Each line needs a "question" field.',
      param: 'task',
    });
  }
  return problems;
}
