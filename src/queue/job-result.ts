/** @module Turns what a worker sent back through Redis (JSON, so absent fields are gone) into the record the store writes. */
import { z } from 'zod';
import { recordFromError } from '../bench/run/job-record.js';
import type { BenchJob } from '../bench/run/runner.js';
import type { JobRecord } from '../store/index.js';

const optionalNumber = z.number().optional();

const recordSchema = z.object({
  problemId: z.string(),
  config: z.string(),
  answer: z.string().optional(),
  correct: z.boolean(),
  text: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number(),
  seconds: z.number(),
  samples: z.number(),
  calls: z.number(),
  finishReason: z.string().nullable(),
  stoppedBy: z.string().nullable(),
  error: z.string().nullable(),
  sampleRecords: z.array(
    z.object({
      answer: z.string().optional(),
      correct: z.boolean(),
      tokens: optionalNumber,
      score: optionalNumber,
      confidence: optionalNumber,
    }),
  ),
  events: z.array(z.record(z.string(), z.unknown())),
  thoughts: z.array(z.record(z.string(), z.unknown())),
  ledger: z.array(z.record(z.string(), z.unknown())),
});

/**
 * The record of a finished queue job: the worker's result when it is one for this very job, else an error record (a
 * failed job's reason, or a result that is not a record) that `--resume` runs again.
 */
export function jobRecordFromQueue(value: unknown, job: BenchJob, failedReason?: string): JobRecord {
  const fail = (message: string) => recordFromError(job.problem, job.config, new Error(message), 0);
  if (failedReason !== undefined) return fail(failedReason || 'the job failed without a reason');
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return fail(`a worker returned a malformed result: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const record = parsed.data;
  if (record.problemId !== job.problem.id || record.config !== job.config.key)
    return fail(`a worker returned the result of ${record.problemId} ${record.config} for this job`);
  // The shapes of events, thoughts and ledger entries are the engine's own; they were checked where they were made.
  return {
    ...record,
    answer: record.answer,
    sampleRecords: record.sampleRecords.map((sample) => ({
      answer: sample.answer,
      correct: sample.correct,
      tokens: sample.tokens,
      score: sample.score,
      confidence: sample.confidence,
    })),
    events: record.events as unknown as JobRecord['events'],
    thoughts: record.thoughts as unknown as JobRecord['thoughts'],
    ledger: record.ledger as unknown as JobRecord['ledger'],
  };
}
