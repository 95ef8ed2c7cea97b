/** @module The router's cheap features: the task, a size bucket read from the question, and whether two probe samples agree. */

/** What the router knows of a question before (task, size) and after (agreement) its two probe samples. */
export interface RouteFeatures {
  /** The detected or named task; `*` when none. */
  task: string;
  /** A coarse size bucket of the question (operators for arithmetic, numbers given for Countdown, length otherwise). */
  size: string;
}

/** Whether the two probe samples gave the same answer (`agree`) or not, or one gave none (`disagree`). */
export type Agreement = 'agree' | 'disagree';

/** The wildcard of a table key: any task or any size. */
export const ANY = '*';

/** A binary operator: one that follows a number or a closing bracket (so `-3` and `+ -63` count once). */
const OPERATOR = /[\d)]\s*([-+*/×÷])/g;

/**
 * The size bucket of a question: arithmetic `ops1` … `ops3+` with `*` appended when it multiplies; Countdown `nums3` …
 * (numbers given); any other task `short` (< 60 characters) or `long`.
 */
export function sizeOf(task: string | undefined, question: string): string {
  if (task === 'arithmetic') {
    const operators = [...question.matchAll(OPERATOR)].map((match) => match[1]);
    const count = operators.length >= 3 ? '3+' : String(Math.max(1, operators.length));
    return `ops${count}${operators.some((operator) => operator === '*' || operator === '×') ? '*' : ''}`;
  }
  if (task === 'countdown') {
    const given = /use\s+([\d,\s]+?)\s+to make/i.exec(question)?.[1] ?? '';
    return `nums${(given.match(/\d+/g) ?? []).length}`;
  }
  return question.trim().length < 60 ? 'short' : 'long';
}

/** The features of a question before any sample is drawn. */
export function routeFeatures(task: string | undefined, question: string): RouteFeatures {
  return { task: task ?? ANY, size: sizeOf(task, question) };
}

/** Agreement of the first two vote keys (answers normalised by the task's answer key; undefined: no answer). */
export function agreementOf(first: string | undefined, second: string | undefined): Agreement {
  return first !== undefined && first === second ? 'agree' : 'disagree';
}
