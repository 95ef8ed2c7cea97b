/** @module A stored bench result with neutral defaults, for tests of the bench's metrics and curves. */
import type { StoredResult } from '../store/index.js';

/** A finished job's row: zero usage, one call, no samples, unless `fields` say otherwise. */
export function storedResult(fields: Partial<StoredResult> & Pick<StoredResult, 'problemId' | 'config'>): StoredResult {
  return {
    answer: undefined,
    correct: false,
    text: '',
    promptTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    seconds: 0,
    samples: 1,
    calls: 1,
    finishReason: 'stop',
    stoppedBy: null,
    error: null,
    sampleRecords: [],
    createdAt: '',
    ...fields,
  };
}
