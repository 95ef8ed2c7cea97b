/** @module Tuples, intervals, sets and bare comma lists inside answers: `(1, 2)`, `[0, 1)`, `\{1,2\}`, `1, 2`. */

/** An answer split into top-level elements with its brackets; `ordered` is false for sets and bare lists. */
export interface AnswerList {
  open: string;
  close: string;
  elements: string[];
  ordered: boolean;
}

/** Splits on commas that are not nested in brackets or braces. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '(' || character === '[' || character === '{') depth += 1;
    else if (character === ')' || character === ']' || character === '}') depth -= 1;
    else if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** True when the brackets at both ends enclose the whole text (not `(1)+(2)`). */
function enclosesWhole(inner: string): boolean {
  let depth = 0;
  for (const character of inner) {
    if (character === '(' || character === '[' || character === '{') depth += 1;
    else if (character === ')' || character === ']' || character === '}') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Reads a list answer, or undefined when the text is a single value. */
export function parseAnswerList(text: string): AnswerList | undefined {
  const set = /^\\\{([\s\S]*)\\\}$/.exec(text);
  if (set && enclosesWhole(set[1] ?? '')) return { open: '{', close: '}', elements: splitTopLevel(set[1] ?? ''), ordered: false };
  const bracketed = /^([([])([\s\S]*)([)\]])$/.exec(text);
  if (bracketed && enclosesWhole(bracketed[2] ?? '')) {
    const elements = splitTopLevel(bracketed[2] ?? '');
    if (elements.length > 1) return { open: bracketed[1] ?? '(', close: bracketed[3] ?? ')', elements, ordered: true };
    return undefined;
  }
  const bare = splitTopLevel(text);
  return bare.length > 1 && bare.every((element) => element !== '') ? { open: '', close: '', elements: bare, ordered: false } : undefined;
}

/** Compares two lists element by element (ordered) or as multisets (unordered) with the given element equality. */
export function listsEquivalent(left: AnswerList, right: AnswerList, equal: (a: string, b: string) => boolean): boolean {
  if (left.open !== right.open || left.close !== right.close || left.elements.length !== right.elements.length) return false;
  if (left.ordered) return left.elements.every((element, index) => equal(element, right.elements[index] ?? ''));
  const unused = [...right.elements];
  for (const element of left.elements) {
    const match = unused.findIndex((candidate) => equal(element, candidate));
    if (match < 0) return false;
    unused.splice(match, 1);
  }
  return true;
}
