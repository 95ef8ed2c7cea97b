import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arithmeticTask } from './arithmetic.js';
import {
  grammarExpression,
  hasHeldOutShapes,
  isHeldOutShape,
  LEVEL_GRAMMARS,
  printTree,
  scratchpadChars,
  shapeOf,
} from './arithmetic-grammar.js';
import { arithmeticOutOfScope } from './arithmetic-scope.js';
import { parseExpression } from './expression.js';
import { createRandom } from './random.js';

describe('arithmetic grammar', () => {
  it('draws expressions that print back as read, fit their level, and keep held-out shapes out of training', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (seed, level, heldOut) => {
        if (heldOut && !hasHeldOutShapes(level)) return;
        const split = heldOut ? 'held-out-shapes' : 'train';
        const expression = grammarExpression(level, createRandom(seed), split);
        const tree = parseExpression(expression);
        expect(tree).toBeDefined();
        expect(printTree(tree!)).toBe(expression);
        expect(isHeldOutShape(shapeOf(tree!))).toBe(heldOut);
        expect(scratchpadChars(tree!)).toBeLessThanOrEqual(LEVEL_GRAMMARS[level]!.maxTraceChars);
        // Everything the generator draws is within what the runtime lets the model answer.
        expect(arithmeticOutOfScope(`What is ${expression}?`)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('names shapes by structure, not by digits or the sign of sums', () => {
    expect(shapeOf(parseExpression('(12+7)*3')!)).toBe(shapeOf(parseExpression('(80-45)*9')!));
    expect(shapeOf(parseExpression('(12+7)*3')!)).toBe('(n±n)*n');
    expect(shapeOf(parseExpression('3*(12+7)')!)).toBe('n*(n±n)');
    expect(shapeOf(parseExpression('12-(7-3)')!)).toBe('n±(n±n)');
    expect(isHeldOutShape('n*(n±n)')).toBe(true);
    expect(isHeldOutShape('(n±n)*n')).toBe(false);
    expect(isHeldOutShape('n±n')).toBe(false);
  });

  it('gives the held-out split its own problems, none of them in the default split', () => {
    for (const level of [2, 3, 4, 5]) {
      const heldOut = arithmeticTask.generate({ seed: 1_000_001, count: 60, level, split: 'held-out-shapes' });
      const train = arithmeticTask.generate({ seed: 1_000_001, count: 300, level });
      expect(heldOut).toHaveLength(60);
      const trainShapes = new Set(train.map((problem) => shapeOf(parseExpression(problem.meta?.expression as string)!)));
      for (const problem of heldOut) expect(trainShapes.has(shapeOf(parseExpression(problem.meta?.expression as string)!))).toBe(false);
    }
    expect(arithmeticTask.generate({ seed: 1, count: 5, level: 1, split: 'held-out-shapes' })).toEqual([]);
  });
});
