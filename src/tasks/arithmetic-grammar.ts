/**
 * @module Arithmetic problems from a grammar: random expression trees over `+ - *` and parentheses, with the number
 * of operations and the operand sizes as the difficulty knobs, and a set of tree shapes held out of training.
 */
import type { ProblemSplit } from '../spec/task.js';
import { buildArithmeticTrace, UnsupportedTraceError } from './arithmetic-trace.js';
import { columnWork } from './column-work.js';
import { type ExpressionNode, parseExpression } from './expression.js';
import { createRandom, hashSeed, pickWeighted, type Random } from './random.js';

type Operator = '+' | '-' | '*';

/** The knobs of one level. */
export interface LevelGrammar {
  /** Weights of 1, 2, 3, 4 operations (index 0 = one operation). */
  operations: readonly number[];
  /** Weights of 1-, 2- and 3-digit operands. */
  digits: readonly number[];
  /** Weights of `+`, `-`, `*` at each inner node. */
  operators: readonly [number, number, number];
  /** The smaller factor of any product has at most this many digits (3-digit products are long). */
  smallFactorDigits: number;
  /** Neither factor of a product has more than this many digits (intermediate results count). */
  bigFactorDigits: number;
  /** A problem of one operation at this level is a product of at least these digits (smaller factor, larger factor). */
  singleProduct?: readonly [number, number];
  /** Longest scratchpad (its equation lines, column work included) in characters. */
  maxTraceChars: number;
}

/**
 * Level 1 is one addition or subtraction (or a times-table fact); level 5 is long products and sums of products. The
 * sizes keep every scratchpad inside the model's 512-token context with its question.
 */
export const LEVEL_GRAMMARS: Record<number, LevelGrammar> = {
  1: { operations: [1], digits: [0.3, 0.7, 0], operators: [0.45, 0.45, 0.1], smallFactorDigits: 1, bigFactorDigits: 1, maxTraceChars: 120 },
  2: {
    operations: [0.65, 0.35],
    digits: [0.3, 0.45, 0.25],
    operators: [0.35, 0.35, 0.3],
    smallFactorDigits: 1,
    bigFactorDigits: 3,
    maxTraceChars: 200,
  },
  3: {
    operations: [0.3, 0.7],
    digits: [0.25, 0.75, 0],
    operators: [0.3, 0.3, 0.4],
    smallFactorDigits: 2,
    bigFactorDigits: 2,
    maxTraceChars: 280,
  },
  4: {
    operations: [0.15, 0.55, 0.3],
    digits: [0.15, 0.6, 0.25],
    operators: [0.3, 0.3, 0.4],
    smallFactorDigits: 2,
    bigFactorDigits: 3,
    singleProduct: [2, 3],
    maxTraceChars: 360,
  },
  5: {
    operations: [0.2, 0.2, 0.4, 0.2],
    digits: [0.1, 0.55, 0.35],
    operators: [0.3, 0.25, 0.45],
    smallFactorDigits: 3,
    bigFactorDigits: 4,
    singleProduct: [3, 3],
    maxTraceChars: 420,
  },
};

const PRECEDENCE: Record<Operator, number> = { '+': 1, '-': 1, '*': 2 };

/** Prints a tree with the parentheses its structure needs and no others (`(12+7)*3`, `12+7*3`, `12-(7-3)`). */
export function printTree(node: ExpressionNode): string {
  if (node.type === 'number') return String(node.value);
  if (node.type === 'negate') return `-${printTree(node.operand)}`;
  const operator = node.operator as Operator;
  const side = (child: ExpressionNode, right: boolean): string => {
    const text = printTree(child);
    if (child.type !== 'binary') return text;
    const inner = PRECEDENCE[child.operator as Operator] ?? 2;
    const outer = PRECEDENCE[operator];
    // Right operands of `-` (and of `*` when the child is `*`-free of precedence issues) need brackets at equal precedence.
    const needs = inner < outer || (right && inner === outer && operator === '-');
    return needs ? `(${text})` : text;
  };
  return `${side(node.left, false)}${operator}${side(node.right, true)}`;
}

/**
 * The tree's shape with numbers and the sign of sums forgotten: `(12+7)*3` and `(80-45)*9` are both `(n±n)*n`. Shapes
 * are what training may or may not have seen; the digits inside them are drawn afresh every time.
 */
export function shapeOf(node: ExpressionNode): string {
  if (node.type !== 'binary') return 'n';
  const symbol = (operator: string) => (operator === '*' ? '*' : '±');
  const side = (child: ExpressionNode, right: boolean): string => {
    const text = shapeOf(child);
    if (child.type !== 'binary') return text;
    const inner = child.operator === '*' ? 2 : 1;
    const outer = node.operator === '*' ? 2 : 1;
    return inner < outer || (right && inner === outer && node.operator !== '*') ? `(${text})` : text;
  };
  return `${side(node.left, false)}${symbol(node.operator)}${side(node.right, true)}`;
}

/** Operations in a tree. */
export function operationCount(node: ExpressionNode): number {
  if (node.type === 'number') return 0;
  if (node.type === 'negate') return operationCount(node.operand);
  return 1 + operationCount(node.left) + operationCount(node.right);
}

/** Two-operation shapes kept out of training: a factor times a bracketed sum on the right (training has it on the left). */
const HELD_OUT_TWO_OPERATION_SHAPES = new Set(['n*(n±n)']);

/**
 * Is this shape kept out of training? One named two-operation shape, and one in five shapes with three or more
 * operations (chosen by a hash of the shape, so the choice is fixed and covers every level from 2 up). Single
 * operations are never held out: they are the building blocks of every other shape.
 */
export function isHeldOutShape(shape: string): boolean {
  const operations = (shape.match(/[±*]/g) ?? []).length;
  if (operations <= 1) return false;
  if (operations === 2) return HELD_OUT_TWO_OPERATION_SHAPES.has(shape);
  return hashSeed('held-out-shape', shape) % 5 === 0;
}

function randomTree(random: Random, operations: number, grammar: LevelGrammar): ExpressionNode {
  if (operations === 0) {
    const digits = 1 + pickWeighted(random, grammar.digits);
    const value = digits === 1 ? random.int(2, 9) : random.int(10 ** (digits - 1), 10 ** digits - 1);
    return { type: 'number', value };
  }
  const operator = (['+', '-', '*'] as const)[pickWeighted(random, grammar.operators)] as Operator;
  const leftOperations = random.int(0, operations - 1);
  return {
    type: 'binary',
    operator,
    left: randomTree(random, leftOperations, grammar),
    right: randomTree(random, operations - 1 - leftOperations, grammar),
  };
}

const digitCount = (value: number): number => String(Math.abs(value)).length;

/** At levels 4-5 a single operation must be a long product (`347*58`, `649*643`): a lone sum would be a level-1 problem. */
function singleOperationFits(tree: ExpressionNode & { type: 'binary' }, grammar: LevelGrammar): boolean {
  if (grammar.singleProduct === undefined) return true;
  if (tree.operator !== '*' || tree.left.type !== 'number' || tree.right.type !== 'number') return false;
  const [small, big] = [digitCount(tree.left.value), digitCount(tree.right.value)].sort((a, b) => a - b) as [number, number];
  return small >= grammar.singleProduct[0] && big >= grammar.singleProduct[1];
}

/** Every product's factors (as computed values) within the level's sizes, and every value a safe, modest integer. */
function withinSizes(node: ExpressionNode, grammar: LevelGrammar): number | undefined {
  if (node.type === 'number') return node.value;
  if (node.type === 'negate') {
    const value = withinSizes(node.operand, grammar);
    return value === undefined ? undefined : -value;
  }
  const left = withinSizes(node.left, grammar);
  const right = withinSizes(node.right, grammar);
  if (left === undefined || right === undefined) return undefined;
  if (node.operator === '*') {
    // A product of a negative is not worked in columns by the scratchpad: such trees are redrawn.
    if (left < 0 || right < 0) return undefined;
    const [small, big] = [digitCount(left), digitCount(right)].sort((a, b) => a - b) as [number, number];
    if (small > grammar.smallFactorDigits || big > grammar.bigFactorDigits) return undefined;
    return left * right;
  }
  return node.operator === '+' ? left + right : left - right;
}

/** Characters of the scratchpad the trace writer produces for a tree: equations, plans and their column work. */
export function scratchpadChars(tree: ExpressionNode): number {
  const { lines } = buildArithmeticTrace(tree);
  let chars = 0;
  for (const line of lines) {
    chars += line.text.length + 1;
    if (!line.plan) for (const work of columnWork(line.expression)) chars += work.length + 1;
  }
  return chars;
}

/** Does a tree (already re-parsed from its text) belong to this level and split: shape, sizes, scratchpad length? */
function fitsLevel(tree: ExpressionNode, grammar: LevelGrammar, heldOut: boolean): boolean {
  if (isHeldOutShape(shapeOf(tree)) !== heldOut) return false;
  if (tree.type === 'binary' && operationCount(tree) === 1 && !singleOperationFits(tree, grammar)) return false;
  if (withinSizes(tree, grammar) === undefined) return false;
  try {
    return scratchpadChars(tree) <= grammar.maxTraceChars;
  } catch (error) {
    if (error instanceof UnsupportedTraceError) return false;
    throw error;
  }
}

/** One expression for a level and split, whose scratchpad fits the level's length; retries until one does. */
export function grammarExpression(level: number, random: Random, split: ProblemSplit = 'train'): string {
  const grammar = LEVEL_GRAMMARS[level];
  if (!grammar) throw new RangeError(`arithmetic has no level ${level}`);
  const heldOut = split === 'held-out-shapes';
  for (let attempt = 0; attempt < 10_000; attempt++) {
    // The held-out split only draws shapes with two or more operations (the others are never held out).
    const weights = heldOut ? grammar.operations.map((weight, index) => (index === 0 ? 0 : weight)) : grammar.operations;
    if (weights.every((weight) => weight === 0)) throw new RangeError(`arithmetic level ${level} has no held-out shapes`);
    // Re-parsed from its text: `a+(b-c)` prints as `a+b-c`, and the shape, sizes and trace are those of what is read.
    const tree = parseExpression(printTree(randomTree(random, 1 + pickWeighted(random, weights), grammar)));
    if (tree && fitsLevel(tree, grammar, heldOut)) return printTree(tree);
  }
  throw new RangeError(`no ${split} expression found for arithmetic level ${level}`);
}

/** Every tree structure with `operations` inner nodes, each `+`, `-` or `*` (`-` keeps `n±(n±n)` apart), numbers as 1. */
function allTrees(operations: number): ExpressionNode[] {
  if (operations === 0) return [{ type: 'number', value: 1 }];
  const trees: ExpressionNode[] = [];
  for (let left = 0; left < operations; left++) {
    for (const l of allTrees(left)) {
      for (const r of allTrees(operations - 1 - left)) {
        for (const operator of ['+', '-', '*'] as const) trees.push({ type: 'binary', operator, left: l, right: r });
      }
    }
  }
  return trees;
}

/** Fills a shape with numbers of the level's sizes and a random sign for each `±` (`(n±n)*n` -> `(47-12)*8`). */
function fillShape(shape: string, random: Random, grammar: LevelGrammar): ExpressionNode | undefined {
  const text = shape
    .replace(/±/g, () => (random.chance(0.5) ? '+' : '-'))
    .replace(/n/g, () => {
      const digits = 1 + pickWeighted(random, grammar.digits);
      return String(digits === 1 ? random.int(2, 9) : random.int(10 ** (digits - 1), 10 ** digits - 1));
    });
  // Re-read from its printed text, as the grammar's draws are: `a+(b+c)` prints as `a+b+c`, which is another shape.
  const tree = parseExpression(text);
  return tree && parseExpression(printTree(tree));
}

/** How many fills of a shape are tried before it counts as not belonging to a level (sizes or length rule it out). */
const FILL_ATTEMPTS = 400;

const shapeCache = new Map<number, string[][]>();

/**
 * The training shapes of a level, by number of operations (index 0 = one operation): every tree shape of that many
 * operations that is not held out and that some fill of the level's sizes fits (found once, with a fixed seed).
 */
export function levelShapes(level: number): string[][] {
  const cached = shapeCache.get(level);
  if (cached) return cached;
  const grammar = LEVEL_GRAMMARS[level];
  if (!grammar) throw new RangeError(`arithmetic has no level ${level}`);
  const random = createRandom(hashSeed('level-shapes', level));
  const byOperations = grammar.operations.map((_, index) => {
    const shapes = [...new Set(allTrees(index + 1).map((tree) => shapeOf(parseExpression(printTree(tree)) as ExpressionNode)))];
    return shapes.filter((shape) => {
      if (isHeldOutShape(shape)) return false;
      for (let attempt = 0; attempt < FILL_ATTEMPTS; attempt++) {
        const tree = fillShape(shape, random, grammar);
        if (tree && shapeOf(tree) === shape && fitsLevel(tree, grammar, false)) return true;
      }
      return false;
    });
  });
  shapeCache.set(level, byOperations);
  return byOperations;
}

/**
 * A training expression whose shape is drawn uniformly among the level's training shapes with the drawn number of
 * operations (single operations as `grammarExpression` draws them). The natural draw gives `n±n±n` a quarter of level 3
 * and `(n±n)*n` a few %; a model that has seen every shape thousands of times can learn the walk, not the templates
 * (docs/generalisation.md §3). Only training uses it: the evaluation sets keep the natural draw.
 */
export function balancedExpression(level: number, random: Random): string {
  const grammar = LEVEL_GRAMMARS[level];
  if (!grammar) throw new RangeError(`arithmetic has no level ${level}`);
  const shapes = levelShapes(level);
  for (let attempt = 0; attempt < 100; attempt++) {
    const operations = pickWeighted(random, grammar.operations);
    if (operations === 0) {
      const tree = parseExpression(printTree(randomTree(random, 1, grammar)));
      if (tree && fitsLevel(tree, grammar, false)) return printTree(tree);
      continue;
    }
    const choices = shapes[operations] ?? [];
    if (choices.length === 0) continue;
    const shape = random.pick(choices);
    for (let fill = 0; fill < FILL_ATTEMPTS; fill++) {
      const tree = fillShape(shape, random, grammar);
      if (tree && shapeOf(tree) === shape && fitsLevel(tree, grammar, false)) return printTree(tree);
    }
  }
  return grammarExpression(level, random, 'train');
}

/** Does a level have shapes in the held-out split? (Level 1 is single operations only.) */
export function hasHeldOutShapes(level: number): boolean {
  return (LEVEL_GRAMMARS[level]?.operations.length ?? 0) > 1;
}
