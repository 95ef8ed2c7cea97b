/** @module How many samples a generate request asks for, checked the same way by every in-process backend. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { GenerateRequest } from '../spec/index.js';

/** `request.n` (default 1); throws INVALID_ARGUMENT naming `n` unless it is an integer ≥ 1. */
export function sampleCount(request: Pick<GenerateRequest, 'n'>): number {
  const n = request.n ?? 1;
  if (!Number.isInteger(n) || n < 1)
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected \`n\` to be an integer ≥ 1, got ${n}`, { param: 'n' });
  return n;
}
