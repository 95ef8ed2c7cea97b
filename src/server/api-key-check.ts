/** @module Bearer API keys compared in constant time (hashes of equal length, crypto.timingSafeEqual). */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Keys from `SLOWTHINK_API_KEYS`: comma-separated, blanks dropped. */
export function parseApiKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/**
 * A checker for `Authorization` header values; every configured key is compared, so the time taken does not reveal
 * which key (or how much of one) matched.
 */
export function createApiKeyCheck(keys: readonly string[]): (authorization: string | undefined) => boolean {
  const digests = keys.map(digest);
  return (authorization) => {
    const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
    const given = digest(match?.[1]?.trim() ?? '');
    let found = false;
    for (const key of digests) found = timingSafeEqual(key, given) || found;
    return found && match !== null;
  };
}
