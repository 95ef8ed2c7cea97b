import { describe, expect, it } from 'vitest';
import { extractAnswer, extractCode, findLastBoxed } from './extract-answer.js';

describe('extractAnswer', () => {
  it.each([
    ['the last boxed wins, braces balanced', 'first \\boxed{1} then \\boxed{\\frac{1}{2}}\nA: 9', '\\frac{1}{2}'],
    ['boxed beats an answer line', 'Answer: 3\nso \\boxed{4}', '4'],
    ['an A: line', '347*8=2776\nA: 2776', '2776'],
    ['an Answer: line with bold and a full stop', 'work\n**Answer:** 42.', '42'],
    ['a Final answer: line', 'Final answer: x^2', 'x^2'],
    ['the answer is …', 'Thus the answer is 17.', '17'],
    ['the answer is with math delimiters', 'The answer is $\\frac12$.', '$\\frac12$'],
    ['Minerva style', 'Final Answer: The final answer is $5$. I hope it is correct.', '$5$'],
    ['a sentence after a decimal answer', 'So the answer is 3.5. Done.', '3.5'],
    ['a because clause', 'The answer is 42, because 6*7.', '42'],
    ['GSM8K hashes', 'steps\n#### 72', '72'],
    ['the last answer line wins', 'A: 1\nWait, that is wrong.\nA: 2', '2'],
    ['the last number otherwise', 'we get 3 and then 1,234 apples', '1,234'],
    ['a negative decimal', 'the value drops to -3.5 degrees', '-3.5'],
    ['a fraction', 'so it is 3/4 of them', '3/4'],
  ])('%s', (_name, text, expected) => {
    expect(extractAnswer(text)).toBe(expected);
  });

  it('never reads a number out of words, labels, inline code or a refusal', () => {
    const refusal =
      "I am slowthink's small embedded model: I only know integer arithmetic (for example `What is 347*58?`) and Countdown. " +
      'For other questions, connect a general model: `--model openai:gpt-4o-mini` with OPENAI_API_KEY set.';
    for (const text of [
      refusal,
      'Connect gpt-4o-mini instead.',
      'This needs version 2 of the model.',
      'Install Python 3 first',
      'See release 1.2.3',
      'A: I cannot answer that.',
      "I'm sorry, but I can't help with 12 of those.",
    ])
      expect(extractAnswer(text)).toBeUndefined();
  });

  it.each([
    ['a sum written out', '2 + 3 = 5', '5'],
    ['a product with units and a full stop', '12 x 7 is 84 apples.', '84'],
    ['a step label before the result', 'step 3: 12*7 = 84', '84'],
  ])('still finds a stated quantity: %s', (_name, text, expected) => {
    expect(extractAnswer(text)).toBe(expected);
  });

  it('returns undefined when there is nothing', () => {
    expect(extractAnswer('no digits at all')).toBeUndefined();
    expect(extractAnswer('')).toBeUndefined();
  });

  it('ignores an unbalanced boxed', () => {
    expect(findLastBoxed('\\boxed{1 and \\boxed{2}')).toBe('2');
    expect(findLastBoxed('\\boxed{1')).toBeUndefined();
  });
});

describe('extractCode', () => {
  it('prefers the last python block', () => {
    const text = '```python\ndef f(): return 1\n```\ntext\n```js\nx\n```\n```python\ndef f(): return 2\n```';
    expect(extractCode(text)).toBe('def f(): return 2\n');
  });

  it('falls back to any block, an unterminated block, or bare source', () => {
    expect(extractCode('```\nprint(1)\n```')).toBe('print(1)\n');
    expect(extractCode('```python\ndef g():\n  pass')).toBe('def g():\n  pass');
    expect(extractCode('def h(x):\n    return x')).toBe('def h(x):\n    return x');
    expect(extractCode('just words')).toBeUndefined();
  });
});
