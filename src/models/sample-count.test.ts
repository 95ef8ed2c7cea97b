/** The one check of a request's sample count, shared by the embedded and llama.cpp backends (issue #17). */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/index.js';
import { sampleCount } from './sample-count.js';

describe('sampleCount', () => {
  it('defaults to one sample and passes a whole count through', () => {
    expect(sampleCount({})).toBe(1);
    expect(sampleCount({ n: 4 })).toBe(4);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects n = %s with INVALID_ARGUMENT naming n', (n) => {
    expect(() => sampleCount({ n })).toThrow(expect.objectContaining({ code: ERROR_CODES.INVALID_ARGUMENT, param: 'n' }));
  });
});
