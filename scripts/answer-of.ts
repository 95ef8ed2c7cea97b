/** @module The answer an embedded-model sample gives: its text after `A:`, as the benchmarks hand it to a task's checker. */
import type { Sample } from '../src/spec/index.js';

/** The answer after `A:` in a sample's text. */
export const answerOf = (sample: Pick<Sample, 'text'>): string => sample.text.replace(/^A:\s*/, '').trim();
