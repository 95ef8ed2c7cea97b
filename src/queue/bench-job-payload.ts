/** @module The payload of a bench job on the queue: its schema (checked by the worker), and the job id that makes it exactly-once. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { BenchConfig } from '../bench/run/bench-config.js';
import type { BenchJob } from '../bench/run/runner.js';
import { EFFORTS, type TaskProblem } from '../spec/index.js';

/** Bumped when the payload changes shape, so an old worker refuses a job it would misread instead of guessing. */
export const BENCH_PAYLOAD_VERSION = 1;

const problemSchema = z.object({
  id: z.string().min(1),
  task: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().optional(),
  level: z.number().int().optional(),
  unanswerable: z.boolean().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

const budgetSchema = z
  .object({
    maxTokens: z.number().positive().optional(),
    maxUsd: z.number().positive().optional(),
    maxSeconds: z.number().positive().optional(),
    maxCalls: z.number().positive().optional(),
  })
  .strict();

const configSchema = z.object({
  key: z.string().min(1),
  effort: z.enum(EFFORTS).optional(),
  strategy: z.string().min(1).optional(),
  options: z.record(z.string(), z.unknown()),
  budget: budgetSchema.optional(),
});

const payloadSchema = z.object({
  version: z.literal(BENCH_PAYLOAD_VERSION),
  runId: z.string().min(1),
  problem: problemSchema,
  config: configSchema,
  seed: z.number().int().min(0),
  /** The model name as the run stores it (`slowthink-mini`, `openai:gpt-4o-mini`); the worker resolves it. */
  model: z.string().min(1),
  temperature: z.number().min(0).optional(),
  verifier: z.enum(['checker', 'none']),
});

/** What a bench job carries: everything a worker on another machine needs, and nothing from the coordinator's store. */
export interface BenchJobPayload {
  version: typeof BENCH_PAYLOAD_VERSION;
  runId: string;
  problem: TaskProblem;
  config: BenchConfig;
  seed: number;
  model: string;
  temperature?: number;
  verifier: 'checker' | 'none';
}

/** The run-wide part of every payload of a run. */
export interface RunSettings {
  runId: string;
  model: string;
  temperature?: number | undefined;
  verifier: 'checker' | 'none';
}

/** Builds the payload of one planned job. */
export function benchJobPayload(job: BenchJob, settings: RunSettings): BenchJobPayload {
  const payload: BenchJobPayload = {
    version: BENCH_PAYLOAD_VERSION,
    runId: settings.runId,
    problem: job.problem,
    config: job.config,
    seed: job.seed,
    model: settings.model,
    verifier: settings.verifier,
  };
  if (settings.temperature !== undefined) payload.temperature = settings.temperature;
  return payload;
}

/** The result of checking a payload: the payload, or a message naming the first bad field. */
export type PayloadCheck = { ok: true; payload: BenchJobPayload } | { ok: false; message: string };

/** Checks untrusted job data (anything can be put on a queue); never throws. */
export function parseBenchJobPayload(data: unknown): PayloadCheck {
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? 'payload' : issue.path.map(String).join('.');
    return { ok: false, message: `malformed bench job: ${path}: ${issue?.message ?? 'invalid'}` };
  }
  // zod's optional fields are `T | undefined`; the spec types want them absent instead.
  return { ok: true, payload: JSON.parse(JSON.stringify(parsed.data)) as BenchJobPayload };
}

/**
 * The job id: run, problem, config and seed hashed, so the same job enqueued twice (a resume, a duplicate) is one job,
 * and its result one row. BullMQ refuses ':' in custom ids, hence the dot.
 */
export function benchJobId(runId: string, problemId: string, configKey: string, seed: number): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([runId, problemId, configKey, seed]))
    .digest('hex')
    .slice(0, 24);
  return `${runId.replace(/:/g, '_')}.${digest}`;
}
