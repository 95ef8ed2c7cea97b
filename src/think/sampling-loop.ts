/** @module The batch loop shared by voting strategies: draw in batches until done, stopped by the budget, or told to stop. */
import type { Problem, StrategyContext } from '../spec/index.js';
import type { Candidate } from './candidate.js';
import { drawSamples } from './draw-samples.js';
import { THINK_STEP_BY_STEP, withInstruction } from './prompts.js';

export interface SamplingLoopOptions {
  /** Most samples to draw. */
  total: number;
  /** Samples per call (capped by the model's maxParallel). */
  batch: number;
  maxTokens?: number | undefined;
  /** Samples are weighed by model confidence (logprobs are asked for only then). */
  confidence?: boolean;
  /** Called after each batch with all candidates so far; returns true to stop early (the strategy is satisfied). */
  afterBatch?: (candidates: Candidate[], fresh: Candidate[]) => boolean | Promise<boolean>;
}

/** What the loop drew, and whether it ended by itself (all drawn, or satisfied) rather than by a limit. */
export interface SamplingLoopResult {
  candidates: Candidate[];
  finished: boolean;
  satisfied: boolean;
}

/** Draws chains of thought in batches; checks `context.stopped()` between calls (anytime). */
export async function samplingLoop(problem: Problem, context: StrategyContext, options: SamplingLoopOptions): Promise<SamplingLoopResult> {
  const candidates: Candidate[] = [];
  const messages = withInstruction(problem.messages, context.model, THINK_STEP_BY_STEP);
  const batchSize = Math.max(1, Math.min(options.batch, context.model.capabilities.maxParallel || 1));
  while (candidates.length < options.total) {
    if (context.stopped()) return { candidates, finished: false, satisfied: false };
    const fresh = await drawSamples(problem, context, {
      n: Math.min(batchSize, options.total - candidates.length),
      firstIndex: candidates.length,
      planned: options.total,
      messages,
      thinking: true,
      ...(options.confidence ? { confidence: true } : {}),
      ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
    });
    if (fresh.length === 0) return { candidates, finished: false, satisfied: false };
    candidates.push(...fresh);
    if (options.afterBatch && (await options.afterBatch(candidates, fresh))) return { candidates, finished: true, satisfied: true };
  }
  // Drew them all, but a limit truncated the last ones: the limit stopped it.
  const truncated = context.stopped() !== null && candidates.some((candidate) => candidate.finishReason === 'length');
  return { candidates, finished: !truncated, satisfied: false };
}
