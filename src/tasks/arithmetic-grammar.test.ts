import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arithmeticTask } from './arithmetic.js';
import {
  balancedExpression,
  grammarExpression,
  hasHeldOutShapes,
  isHeldOutShape,
  LEVEL_GRAMMARS,
  levelShapes,
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

describe('the balanced training draw', () => {
  it('knows every training shape of a level, mirrors included, and none that is held out', () => {
    const twoOperations = levelShapes(3)[1]!;
    expect(twoOperations).toEqual(expect.arrayContaining(['n±n±n', 'n±(n±n)', 'n±n*n', 'n*n±n', '(n±n)*n', 'n*n*n']));
    for (const level of [2, 3, 4, 5]) {
      for (const shape of levelShapes(level).flat()) expect(isHeldOutShape(shape), shape).toBe(false);
    }
    // Level 5 draws every four-operation shape the sizes allow, not the few a random split makes common.
    expect(levelShapes(5)[3]!.length).toBeGreaterThan(100);
  });

  it('draws each shape of a level about equally often, where the natural draw favours a few', () => {
    const random = createRandom(11);
    const counts = new Map<string, number>();
    const draws = 3000;
    for (let index = 0; index < draws; index++) {
      const shape = shapeOf(parseExpression(balancedExpression(3, random))!);
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    const [single, double] = levelShapes(3) as [string[], string[]];
    const twoOperationShare = LEVEL_GRAMMARS[3]!.operations[1]! / LEVEL_GRAMMARS[3]!.operations.reduce((a, b) => a + b);
    for (const shape of double) {
      const expected = (draws * twoOperationShare) / double.length;
      expect(counts.get(shape) ?? 0, shape).toBeGreaterThan(expected * 0.75);
      expect(counts.get(shape) ?? 0, shape).toBeLessThan(expected * 1.25);
    }
    expect([...counts.keys()].every((shape) => single.includes(shape) || double.includes(shape))).toBe(true);
  });

  it('draws expressions that fit their level and that the runtime answers, at every level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 5 }), (seed, level) => {
        const expression = balancedExpression(level, createRandom(seed));
        const tree = parseExpression(expression)!;
        expect(printTree(tree)).toBe(expression);
        expect(isHeldOutShape(shapeOf(tree))).toBe(false);
        expect(scratchpadChars(tree)).toBeLessThanOrEqual(LEVEL_GRAMMARS[level]!.maxTraceChars);
        expect(arithmeticOutOfScope(`What is ${expression}?`)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('weights divisions, chains and 0/1 operands up in training problems, keeps every one in range, and leaves the natural draw alone', () => {
    const draw = (kind: 'natural' | 'balanced', level: number) => arithmeticTask.generate({ seed: 5, count: 600, level, draw: kind });
    for (const level of [1, 2, 3]) {
      const balanced = draw('balanced', level);
      const divisions = balanced.filter((problem) => String(problem.meta?.['expression']).includes('/')).length;
      const natural = draw('natural', level).filter((problem) => String(problem.meta?.['expression']).includes('/')).length;
      expect(divisions / balanced.length, `level ${level}`).toBeGreaterThan(level === 3 ? 0.06 : 0.18);
      expect(divisions, `level ${level}`).toBeGreaterThan(natural);
      for (const problem of balanced) {
        expect(arithmeticOutOfScope(String(problem.meta?.['expression'])), problem.question).toBeUndefined();
        expect(arithmeticTask.check(problem.question, problem.answer!), problem.question).toBe(true);
      }
    }
    expect(draw('balanced', 2).some((problem) => /^\d([+-]\d){2,3}$/.test(String(problem.meta?.['expression'])))).toBe(true);
    // The evaluation sets are drawn naturally: no draw option is the natural draw, problem for problem.
    expect(arithmeticTask.generate({ seed: 5, count: 50, level: 4 })).toEqual(draw('natural', 4).slice(0, 50));
  });
});
