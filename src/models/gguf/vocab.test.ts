import { describe, expect, it } from 'vitest';
import { buildVocabulary, decodeTokens, encodeText, FIRST_BYTE_ID, VOCAB_SIZE } from './vocab.js';

describe('character vocabulary', () => {
  it('has one token per printable ASCII character plus newline, specials and 256 bytes', () => {
    const { tokens, types } = buildVocabulary();
    expect(tokens.length).toBe(VOCAB_SIZE);
    expect(types.length).toBe(VOCAB_SIZE);
    expect(tokens[FIRST_BYTE_ID]).toBe('<0x00>');
    expect(tokens.at(-1)).toBe('<0xFF>');
    expect(new Set(tokens).size).toBe(VOCAB_SIZE);
  });

  it('encodes ASCII one character per token and round-trips', () => {
    const text = 'What is 347*58?\n<think>\n347*58 = 20126\n</think>\nA: 20126';
    expect(encodeText(text).length).toBe(text.length);
    expect(decodeTokens(encodeText(text))).toBe(text);
  });

  it('never fails on any string: tabs, emoji, NUL, lone surrogates', () => {
    for (const text of ['a\tb', '12€3 😀', '\u0000\u0001\u007f', 'x\uD800y', 'ü×÷']) {
      const ids = encodeText(text);
      for (const id of ids) expect(id).toBeGreaterThanOrEqual(0);
      for (const id of ids) expect(id).toBeLessThan(VOCAB_SIZE);
      const decoded = decodeTokens(ids);
      expect(decoded).toBe(text.includes('\uD800') ? decoded : text);
    }
    const random = Array.from({ length: 2000 }, (_, index) => (index * 7919) % 256);
    expect(() => decodeTokens(random.map((byte) => FIRST_BYTE_ID + byte))).not.toThrow();
  });
});
