import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_LABEL, ANSWER_LINE } from './answer-line.js';

describe('answer line', () => {
  it('reads the value after every label form, and none from prose', () => {
    for (const [line, value] of [
      ['A: 125', '125'],
      ['Answer: 11*4-13', '11*4-13'],
      ['**Final answer:** 42', '42'],
      ['**Answer**: 7', '7'],
      ['- answer: no solution', 'no solution'],
      ['  > A：9', '9'],
    ] as const) {
      expect(ANSWER_LINE.exec(line)?.[1]).toBe(value);
      expect(ANSWER_LABEL.test(line)).toBe(true);
    }
    for (const line of ['So a + b = 5', 'The area: 12', 'Bananas: 3']) {
      expect(ANSWER_LINE.test(line)).toBe(false);
      expect(ANSWER_LABEL.test(line)).toBe(false);
    }
  });

  it('a label alone opens an answer but states none', () => {
    expect(ANSWER_LABEL.test('**Final answer:**')).toBe(true);
    expect(ANSWER_LINE.test('Answer:')).toBe(false);
  });

  it('every line that states an answer opens with a label (the two grammars cannot drift)', () => {
    const labelled = fc
      .tuple(
        fc.constantFrom('', '**', '__', '- ', '> '),
        fc.constantFrom('A', 'Answer', 'final  answer'),
        fc.constantFrom(':', '：'),
        fc.string(),
      )
      .map(([before, name, colon, tail]) => `${before}${name}${colon} ${tail}`);
    fc.assert(
      fc.property(fc.oneof(labelled, fc.string()), (line) => {
        if (ANSWER_LINE.test(line)) expect(ANSWER_LABEL.test(line)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
