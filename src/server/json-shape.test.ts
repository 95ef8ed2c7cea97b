import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonShapeProblem } from './json-shape.js';

/** The keys and depth of a parsed value, counted the slow, obvious way. */
function shape(value: unknown, depth = 0): { keys: number; depth: number } {
  if (typeof value !== 'object' || value === null) return { keys: 0, depth };
  const children = Array.isArray(value) ? value : Object.values(value);
  let keys = Array.isArray(value) ? 0 : Object.keys(value).length;
  let deepest = depth + 1;
  for (const child of children) {
    const inner = shape(child, depth + 1);
    keys += inner.keys;
    deepest = Math.max(deepest, inner.depth);
  }
  return { keys, depth: deepest };
}

describe('jsonShapeProblem', () => {
  it('agrees with a parse-and-count on any JSON text (strings with quotes, colons, brackets and escapes included)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 8 }), (text, maxKeys, maxDepth) => {
        const { keys, depth } = shape(JSON.parse(text));
        const expected = keys > maxKeys || depth > maxDepth;
        expect(jsonShapeProblem(text, maxKeys, maxDepth) !== undefined).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses 150k keys and 100k levels of nesting, and passes a 4 MB message', () => {
    expect(jsonShapeProblem(`{${Array.from({ length: 150_000 }, (_, index) => `"k${index}":1`).join(',')}}`)).toMatch(/keys/);
    expect(jsonShapeProblem('['.repeat(100_000))).toMatch(/nesting/);
    const content = 'What is "2": {3} + [4]? \\ '.repeat(150_000);
    expect(jsonShapeProblem(JSON.stringify({ model: 'slowthink', messages: [{ role: 'user', content }] }))).toBeUndefined();
  });
});
