/** @module A stored bench result with neutral defaults, for tests of the bench's metrics and curves. */
import { emptyJobRecord } from '../bench/run/job-record.js';
import type { StoredResult } from '../store/index.js';

/** A finished job's row: zero usage, one call, no samples, unless `fields` say otherwise. */
export function storedResult(fields: Partial<StoredResult> & Pick<StoredResult, 'problemId' | 'config'>): StoredResult {
  const { events: _events, thoughts: _thoughts, ledger: _ledger, ...empty } = emptyJobRecord(fields.problemId, fields.config);
  return { ...empty, samples: 1, calls: 1, createdAt: '', ...fields };
}
