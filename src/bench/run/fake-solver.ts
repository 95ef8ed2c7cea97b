/**
 * @module A deterministic fake solver for control-flow tests (runner, store, resume, report) — never for quality claims.
 * Selected in the CLI by SLOWTHINK_BENCH_SOLVER=fake; SLOWTHINK_BENCH_FAKE_DELAY_MS slows each job down.
 */

import { mulberry32 } from '../../random/mulberry32.js';
import type { TaskProblem, Thought, TraceEvent } from '../../spec/index.js';
import { EFFORTS } from '../../spec/index.js';
import type { BenchConfig } from './bench-config.js';
import type { SolveOutcome, Solver } from './job-record.js';

/** Creates the fake: each sample is right with a probability that falls with the level and rises with effort. */
export function createFakeSolver(options: { delayMs?: number } = {}): Solver {
  return async (problem, config, context) => {
    if ((options.delayMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    return fakeOutcome(problem, config, context.seed);
  };
}

/** The fake's outcome for one job (pure: same inputs, same outcome). */
export function fakeOutcome(problem: TaskProblem, config: BenchConfig, seed: number): SolveOutcome {
  const random = mulberry32(seed ^ hash(config.key));
  const effortIndex = Math.max(0, EFFORTS.indexOf(config.effort ?? 'low'));
  const samples = typeof config.options['n'] === 'number' ? (config.options['n'] as number) : 1;
  const probability = Math.min(0.97, Math.max(0.05, 0.85 - 0.15 * ((problem.level ?? 2) - 1) + 0.04 * effortIndex));
  const tokensPerSample = 20 + 30 * effortIndex;
  const thoughts: Thought[] = [];
  const events: Array<TraceEvent & { at: number }> = [];
  const votes = new Map<string, number>();
  for (let index = 0; index < samples; index++) {
    const answer = random() < probability ? (problem.answer ?? 'none') : `wrong-${Math.floor(random() * 3)}`;
    const id = `s${index}`;
    thoughts.push({
      id,
      parentId: null,
      role: 'sample',
      label: `Sample ${index + 1}/${samples}`,
      text: `A: ${answer}`,
      answer,
      tokens: tokensPerSample,
    });
    events.push({ type: 'sample-end', id, answer, tokens: tokensPerSample, finishReason: 'stop', confidence: random(), at: index });
    votes.set(answer, (votes.get(answer) ?? 0) + 1);
  }
  const answer = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
  const completionTokens = tokensPerSample * samples;
  return {
    text: `A: ${answer}`,
    answer,
    usage: { promptTokens: 30 * samples, completionTokens, reasoningTokens: completionTokens - 3 * samples, cachedTokens: 0 },
    costUsd: 0,
    seconds: 0.001,
    samples,
    calls: 1,
    finishReason: 'stop',
    stoppedBy: null,
    ledger: [],
    trace: { thoughts: samples > 1 ? thoughts : [], events: samples > 1 ? events : [] },
  };
}

function hash(text: string): number {
  let value = 2166136261;
  for (const character of text) value = Math.imul(value ^ (character.codePointAt(0) ?? 0), 16777619);
  return value >>> 0;
}
