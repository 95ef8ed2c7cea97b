/** @module Draws a batch of samples through the engine: opens a thought per sample, streams into it, closes it, emits sample-end. */
import type { GenerateRequest, Message, Problem, StrategyContext, ThoughtRole } from '../spec/index.js';
import { type Candidate, extractAnswer, sampleConfidence, splitThinking, voteKey, wasCut } from './candidate.js';

export interface DrawOptions {
  /** Samples wanted in this batch (the engine may grant fewer when the budget is low). */
  n: number;
  /** Index of the first sample of this batch among all samples (labels and seeds). */
  firstIndex: number;
  /** Total planned samples, for labels like "Sample 3/8"; omit for one-off samples. */
  planned?: number;
  messages?: Message[];
  maxTokens?: number;
  thinking?: boolean;
  temperature?: number | undefined;
  prefix?: string;
  parentId?: string | null;
  label?: string;
  /** Label per thought (offset within this call); wins over `label`. */
  labelFor?: (offset: number) => string;
  /** Role of the thoughts; default `sample` (society members and refinements use their own). */
  role?: ThoughtRole;
  /** The strategy weighs samples by model confidence: ask for logprobs where the model gives them (else none are sent). */
  confidence?: boolean;
}

/** Draws up to `options.n` samples and returns them as candidates (possibly fewer, or none, when the budget runs out). */
export async function drawSamples(problem: Problem, context: StrategyContext, options: DrawOptions): Promise<Candidate[]> {
  const left = context.tokensLeft();
  const n = Math.max(0, Math.min(options.n, Number.isFinite(left) ? Math.floor(left) : options.n));
  if (n === 0 || context.stopped()) return [];
  const thoughtIds = Array.from({ length: n }, (_, offset) => {
    const index = options.firstIndex + offset;
    const label =
      options.labelFor?.(offset) ?? options.label ?? (options.planned ? `Sample ${index + 1}/${options.planned}` : `Sample ${index + 1}`);
    return context.startThought(options.role ?? 'sample', label, options.parentId ?? null);
  });
  const request: GenerateRequest & { thoughtIds: string[] } = {
    messages: options.messages ?? problem.messages,
    n,
    thoughtIds,
    signal: context.signal,
  };
  if (options.maxTokens !== undefined) request.maxTokens = options.maxTokens;
  if (options.thinking !== undefined) request.thinking = options.thinking;
  const temperature = options.temperature ?? context.temperature;
  if (temperature !== undefined) request.temperature = temperature;
  if (context.seed !== undefined) request.seed = context.seed + options.firstIndex;
  if (options.prefix !== undefined) request.prefix = options.prefix;
  if (options.confidence && context.model.capabilities.logprobs) request.logprobs = true;
  let samples: Awaited<ReturnType<StrategyContext['generate']>>['samples'] = [];
  try {
    samples = (await context.generate(request)).samples;
  } finally {
    // Thoughts that got no sample (budget cut, abort, failure) are closed empty so every start has an end.
    for (const id of thoughtIds.slice(samples.length)) context.endThought(id, { text: '', tokens: 0 });
  }
  return samples.map((sample, offset) => {
    const thoughtId = thoughtIds[offset] as string;
    const { reasoning, text } = splitThinking(sample);
    const answer = wasCut(sample.finishReason) ? undefined : extractAnswer(context.answers, text);
    const tokens = sample.usage.completionTokens ?? 0;
    const confidence = sampleConfidence(sample);
    const candidate: Candidate = {
      thoughtId,
      index: options.firstIndex + offset,
      text,
      reasoning,
      answer,
      key: voteKey(context.answers, answer),
      tokens,
      finishReason: sample.finishReason,
      confidence,
    };
    const fields = { text: reasoning ? `${reasoning}\n${text}` : text, tokens, ...(answer === undefined ? {} : { answer }) };
    context.endThought(thoughtId, fields);
    context.emit({
      type: 'sample-end',
      id: thoughtId,
      tokens,
      finishReason: sample.finishReason,
      ...(answer === undefined ? {} : { answer }),
      ...(confidence === undefined ? {} : { confidence }),
    });
    return candidate;
  });
}
