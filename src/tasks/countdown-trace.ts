/** @module Stream-of-Search traces for Countdown: try operations closest-to-target first, write each as an equation, backtrack. */
import type { Random } from './random.js';

/** A number on the board and how it was made. */
interface Item {
  value: number;
  expression: string;
  /** 3 = a given number, 2 = a product or quotient, 1 = a sum or difference. */
  precedence: number;
}

/** A found solution and the search that found it. */
export interface CountdownSearch {
  /** Each line: `25+50=75 [3,7,75]` (numbers left), `68-3=65 no` (dead end), or the final `68-6=62`. */
  lines: string[];
  /** Expression over the given numbers that makes the target. */
  expression: string;
}

/** Search limits: how many children per node, and the size of the written trace. */
export interface CountdownSearchOptions {
  branching?: number;
  maxLines?: number;
  maxChars?: number;
  /** 0 = strict closest-first order; larger values shuffle the order more (so traces are not only optimal paths). */
  noise?: number;
}

const wrap = (item: Item, below: number): string => (item.precedence < below ? `(${item.expression})` : item.expression);

function combine(a: Item, b: Item, operator: string): Item | undefined {
  if (operator === '+') return { value: a.value + b.value, expression: `${a.expression}+${b.expression}`, precedence: 1 };
  if (operator === '-') {
    if (a.value - b.value <= 0) return undefined;
    return { value: a.value - b.value, expression: `${a.expression}-${wrap(b, 2)}`, precedence: 1 };
  }
  if (operator === '*') {
    if (a.value === 1 || b.value === 1) return undefined;
    return { value: a.value * b.value, expression: `${wrap(a, 2)}*${wrap(b, 2)}`, precedence: 2 };
  }
  if (b.value <= 1 || a.value % b.value !== 0) return undefined;
  return { value: a.value / b.value, expression: `${wrap(a, 2)}/${wrap(b, 3)}`, precedence: 2 };
}

/** What a bounded search wrote: its lines, and the solution when it found one. */
interface Exploration {
  lines: string[];
  solution?: string;
  /** `found`, `exhausted` (every branch within the branching tried), or `budget` (the written trace hit its limits). */
  end: 'found' | 'exhausted' | 'budget';
}

/** Depth-first search, closest-to-target children first; stops at a solution or when the next line would not fit. */
function explore(numbers: readonly number[], target: number, random: Random, options: CountdownSearchOptions): Exploration {
  const branching = options.branching ?? 3;
  const maxLines = options.maxLines ?? 18;
  const maxChars = options.maxChars ?? 360;
  const noise = options.noise ?? 0.5;
  const lines: string[] = [];
  let chars = 0;
  let solution: string | undefined;
  const emit = (line: string): boolean => {
    if (lines.length + 1 > maxLines || chars + line.length + 1 > maxChars) return false;
    lines.push(line);
    chars += line.length + 1;
    return true;
  };
  const visit = (items: Item[]): boolean | 'abort' => {
    const children: Array<{ item: Item; rest: Item[]; line: string; score: number }> = [];
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      for (let j = 0; j < items.length; j++) {
        const a = items[i] as Item;
        const b = items[j] as Item;
        if (i === j || a.value < b.value || (a.value === b.value && i > j)) continue;
        for (const operator of ['+', '-', '*', '/']) {
          const item = combine(a, b, operator);
          if (!item || item.value > 5000) continue;
          const rest = items.filter((_, index) => index !== i && index !== j).concat(item);
          const key = rest
            .map((entry) => entry.value)
            .sort((x, y) => x - y)
            .join(',');
          if (seen.has(key)) continue;
          seen.add(key);
          const distance = Math.abs(item.value - target);
          const score = distance * (1 + noise * (random.next() * 2 - 1));
          children.push({ item, rest, line: `${a.value}${operator}${b.value}=${item.value}`, score });
        }
      }
    }
    children.sort((x, y) => x.score - y.score);
    for (const child of children.slice(0, items.length === 2 ? 2 : branching)) {
      if (child.item.value === target) {
        solution = child.item.expression;
        return emit(child.line) ? true : 'abort';
      }
      if (child.rest.length === 1) {
        if (!emit(`${child.line} no`)) return 'abort';
        continue;
      }
      const remaining = child.rest.map((entry) => entry.value).sort((x, y) => x - y);
      if (!emit(`${child.line} [${remaining.join(',')}]`)) return 'abort';
      const result = visit(child.rest);
      if (result !== false) return result;
    }
    return false;
  };
  const start = numbers.map((value) => ({ value, expression: String(value), precedence: 3 }));
  const result = visit(start);
  if (result === true && solution !== undefined) return { lines, solution, end: 'found' };
  return { lines, end: result === 'abort' ? 'budget' : 'exhausted' };
}

/** Depth-first search with a closest-to-target heuristic; returns undefined when no solution fits the limits. */
export function searchCountdown(
  numbers: readonly number[],
  target: number,
  random: Random,
  options: CountdownSearchOptions = {},
): CountdownSearch | undefined {
  if (numbers.includes(target)) return undefined;
  const found = explore(numbers, target, random, options);
  return found.solution !== undefined ? { lines: found.lines, expression: found.solution } : undefined;
}

/** The answer a Countdown trace gives on a draw that cannot make its target (read as a decline by `claimsNoSolution`). */
export const NO_SOLUTION_ANSWER = 'no solution';

/**
 * The scratchpad of an unsolvable draw: a bounded search (closest first, at most `branching` children per node, cut where
 * the next line would pass `maxChars`), then `cannot make {target}`. What the model can know from it: that the branches
 * written fail. What it cannot: that no other branch works; the verdict comes from an exhaustive solver the trace does not
 * show, so the model learns when a search that keeps missing is a sign of an unsolvable draw, not a proof. Callers must
 * only use it for draws proved unsolvable.
 */
export function declineCountdown(
  numbers: readonly number[],
  target: number,
  random: Random,
  options: CountdownSearchOptions = {},
): { lines: string[]; answer: string } {
  const explored = explore(numbers, target, random, { branching: 2, maxLines: 16, maxChars: 280, ...options });
  const lines = [...explored.lines];
  // A branch opened just before the budget ran out was never explored: leave it out rather than end on it.
  while (explored.end === 'budget' && lines.at(-1)?.endsWith(']')) lines.pop();
  return { lines: [...lines, `cannot make ${target}`], answer: NO_SOLUTION_ANSWER };
}
