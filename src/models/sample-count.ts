/** @module How many samples a generate request asks for, checked the same way by every in-process backend. */
import { checkNumberField } from '../errors/number-option.js';
import type { GenerateRequest } from '../spec/index.js';

/** `request.n` (default 1); throws INVALID_ARGUMENT naming `n` unless it is an integer ≥ 1. */
export function sampleCount(request: Pick<GenerateRequest, 'n'>): number {
  const n = request.n ?? 1;
  checkNumberField(n, 'n', { integer: true, minimum: 1 });
  return n;
}
