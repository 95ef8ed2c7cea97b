/**
 * @module The plans a router chooses between, and their replay on one problem's stored samples in drawing order (the
 * cost of a plan is the tokens of the samples it would have drawn), with the same vote rules the live router uses.
 */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { leaderProbability } from '../think/index.js';

/** What to do with a question: one chain without a probe, or (after two probe samples) stop, vote, vote adaptively, or pick by verifier. */
export type RoutePlan =
  | { kind: 'single' }
  | { kind: 'stop' }
  | { kind: 'vote'; samples: number }
  | { kind: 'adaptive'; maxSamples: number }
  | { kind: 'best'; samples: number };

/** Samples drawn before the router looks at agreement. */
export const PROBE_SAMPLES = 2;

/** Adaptive plans stop once P(the leader is the majority answer) reaches this (Aggarwal et al.'s 0.95). */
export const ADAPTIVE_THRESHOLD = 0.95;

/** One stored sample as the router replays it: its vote key (normalised answer), whether it is right, tokens, verifier score. */
export interface ReplaySample {
  key: string | undefined;
  correct: boolean;
  tokens: number;
  score?: number | undefined;
}

/** What a plan would have given on one problem. */
export interface ReplayOutcome {
  correct: boolean;
  tokens: number;
  samples: number;
}

/** The plan's label in router files and tables: `single`, `stop`, `vote@8`, `adaptive@32`, `best@16`. */
export function planLabel(plan: RoutePlan): string {
  if (plan.kind === 'vote') return `vote@${plan.samples}`;
  if (plan.kind === 'adaptive') return `adaptive@${plan.maxSamples}`;
  if (plan.kind === 'best') return `best@${plan.samples}`;
  return plan.kind;
}

/** Parses a plan label; throws INVALID_ARGUMENT naming it when it is not one. */
export function parsePlan(label: string): RoutePlan {
  if (label === 'single' || label === 'stop') return { kind: label };
  const match = /^(vote|adaptive|best)@(\d+)$/.exec(label);
  const samples = Number(match?.[2]);
  if (!match || !Number.isInteger(samples) || samples <= PROBE_SAMPLES || samples > 1024) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown router plan "${label}"`, {
      hint: 'Plans are single, stop, vote@K, adaptive@K or best@K with 2 < K ≤ 1024.',
      param: 'router',
    });
  }
  if (match[1] === 'adaptive') return { kind: 'adaptive', maxSamples: samples };
  return { kind: match[1] === 'vote' ? 'vote' : 'best', samples };
}

/** Samples a plan may draw at most. */
export function planSamples(plan: RoutePlan): number {
  if (plan.kind === 'single') return 1;
  if (plan.kind === 'stop') return PROBE_SAMPLES;
  return plan.kind === 'adaptive' ? plan.maxSamples : plan.samples;
}

/** Votes per key in order of first appearance. */
export function voteCounts(keys: readonly (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Index of the majority sample (the first sample of the most voted key; ties go to the key seen first), or -1 when none answered. */
export function majorityIndex(keys: readonly (string | undefined)[]): number {
  let winner: string | undefined;
  let most = 0;
  for (const [key, count] of voteCounts(keys)) {
    if (count > most) [winner, most] = [key, count];
  }
  return winner === undefined ? -1 : keys.indexOf(winner);
}

/** Index of the best-scored sample (ties: the more voted key, then the earlier sample), or -1 when there is none. */
export function bestIndex(samples: readonly Pick<ReplaySample, 'key' | 'score'>[]): number {
  const counts = voteCounts(samples.map((sample) => sample.key));
  let best = -1;
  samples.forEach((sample, index) => {
    const current = samples[best];
    if (current === undefined) {
      best = index;
      return;
    }
    const difference = (sample.score ?? 0) - (current.score ?? 0);
    const more = (counts.get(sample.key ?? '') ?? 0) > (counts.get(current.key ?? '') ?? 0);
    if (difference > 0 || (difference === 0 && more)) best = index;
  });
  return best;
}

/** P(the leader is the majority answer) of these keys (Beta rule for ≤ 2 answers, Dirichlet otherwise), as adaptive-consistency. */
export function settledProbability(keys: readonly (string | undefined)[], random: () => number): number {
  const counts = [...voteCounts(keys).values()].sort((left, right) => right - left);
  return counts.length === 0 ? 0 : leaderProbability(counts, random);
}

/** How many samples an adaptive plan draws on these keys: batches of two until settled or `maxSamples`. */
export function adaptiveStop(keys: readonly (string | undefined)[], maxSamples: number, random: () => number): number {
  const limit = Math.min(maxSamples, keys.length);
  for (let drawn = PROBE_SAMPLES; drawn < limit; drawn += PROBE_SAMPLES) {
    if (settledProbability(keys.slice(0, drawn), random) >= ADAPTIVE_THRESHOLD) return drawn;
  }
  return limit;
}

// Where the vote of a sample list settles does not depend on the cap, so every adaptive@K of one list shares it.
const settledAt = new WeakMap<readonly ReplaySample[], number>();

function adaptiveStopOf(samples: readonly ReplaySample[], maxSamples: number, random: () => number): number {
  let settled = settledAt.get(samples);
  if (settled === undefined) {
    settled = adaptiveStop(
      samples.map((sample) => sample.key),
      samples.length,
      random,
    );
    settledAt.set(samples, settled);
  }
  return Math.min(settled, maxSamples, samples.length);
}

/** The outcome of `plan` on one problem's samples in drawing order (fewer stored than the plan wants: it uses what there is). */
export function replayPlan(plan: RoutePlan, samples: readonly ReplaySample[], random: () => number): ReplayOutcome {
  const drawn = plan.kind === 'adaptive' ? adaptiveStopOf(samples, plan.maxSamples, random) : Math.min(planSamples(plan), samples.length);
  const used = samples.slice(0, drawn);
  const index = plan.kind === 'best' ? bestIndex(used) : majorityIndex(used.map((sample) => sample.key));
  const winner = used[index];
  return {
    correct: winner !== undefined && winner.key !== undefined && winner.correct,
    tokens: used.reduce((sum, sample) => sum + sample.tokens, 0),
    samples: used.length,
  };
}
