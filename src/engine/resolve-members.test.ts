import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/index.js';
import { slowthinkFailure } from '../testing/slowthink-failure.js';
import { memberNames, resolveMembers } from './resolve-members.js';

/** The error `resolveMembers(value)` rejects with. */
const rejection = (value: unknown) => slowthinkFailure(resolveMembers(value));

describe('resolveMembers', () => {
  it('names options.models, not the request model, when a member is unknown', async () => {
    const error = await rejection('nosuch');
    expect(error.code).toBe(ERROR_CODES.UNKNOWN_MODEL);
    expect(error.message).toMatch(/nosuch/);
    expect(error.param).toBe('options.models');
  });

  it('refuses shapes that are not lists of names', async () => {
    for (const value of [[], 42, [''], Array.from({ length: 9 }, () => 'slowthink-mini')]) {
      const error = await rejection(value);
      expect(error.code).toBe(ERROR_CODES.INVALID_ARGUMENT);
      expect(error.param).toBe('options.models');
    }
    expect(memberNames(' a + b ')).toEqual(['a', 'b']);
  });
});
