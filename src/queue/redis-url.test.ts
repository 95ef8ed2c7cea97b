import { describe, expect, it } from 'vitest';
import { redisConnection } from './redis-url.js';

describe('--redis URL', () => {
  it('accepts redis:// and rediss:// URLs', () => {
    expect(redisConnection('redis://localhost:6379')).toEqual({ url: 'redis://localhost:6379' });
    expect(redisConnection('rediss://:secret@queue.example:6380/2')).toEqual({ url: 'rediss://:secret@queue.example:6380/2' });
  });

  it.each(['localhost:6379', 'http://localhost:6379', 'redis://', ''])('refuses %j as bad input naming --redis', (url) => {
    expect(() => redisConnection(url)).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'redis' }));
  });
});
