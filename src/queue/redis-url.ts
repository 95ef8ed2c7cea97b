/** @module Checks `--redis URL` once, so a typo fails at start with the option named instead of as endless reconnects. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** BullMQ connection options for a checked `redis://` or `rediss://` URL. */
export function redisConnection(url: string): { url: string } {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--redis expects a redis:// URL, got "${url}"`, {
      hint: 'Pass e.g. --redis redis://localhost:6379 (rediss:// for TLS, redis://:password@host:6379/0 with a password).',
      param: 'redis',
    });
  }
  return { url };
}
