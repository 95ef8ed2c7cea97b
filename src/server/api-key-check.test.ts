import { describe, expect, it } from 'vitest';
import { createApiKeyCheck, parseApiKeys } from './api-key-check.js';

describe('api keys', () => {
  it('parses a comma-separated list, dropping blanks', () => {
    expect(parseApiKeys(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(parseApiKeys(undefined)).toEqual([]);
  });

  it('accepts only a configured key sent as a Bearer token', () => {
    const check = createApiKeyCheck(['sk-a', 'sk-b']);
    expect(check('Bearer sk-a')).toBe(true);
    expect(check('bearer  sk-b ')).toBe(true);
    expect(check('Bearer sk-c')).toBe(false);
    expect(check('sk-a')).toBe(false);
    expect(check('Bearer ')).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});
