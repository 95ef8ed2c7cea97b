/**
 * @module Effort levels: ONE table mapping `none` … `max` to a strategy, its options and a default budget, plus the
 * documented `auto` rule. Starting points from research/api-conventions.md §7.3, scaled to the embedded model.
 */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { type BudgetLimits, EFFORTS, type Effort, isEffort } from '../spec/index.js';

/** What an effort level buys. */
export interface EffortPlan {
  effort: Exclude<Effort, 'auto'>;
  strategy: string;
  /** Strategy options; `maxTokens` is the per-sample (per-trace) token cap. */
  options: Record<string, unknown>;
  /** Default request budget; the request's own limits override it field by field. */
  budget: BudgetLimits;
  /** One line for docs and `--help`. */
  description: string;
}

/**
 * The effort table. Per-trace caps are in model tokens (characters for the embedded char-level model).
 *
 * | effort  | strategy                                   | per trace | samples          | budget tokens | seconds |
 * | ------- | ------------------------------------------ | --------- | ---------------- | ------------- | ------- |
 * | none    | direct (no thinking)                       | 256       | 1                | 256           | 30      |
 * | minimal | cot                                        | 512       | 1                | 1k            | 60      |
 * | low     | cot                                        | 2k        | 1                | 4k            | 120     |
 * | medium  | adaptive-consistency, stop at P ≥ 0.95     | 2k        | ≤ 5              | 16k           | 300     |
 * | high    | adaptive-consistency + verifier weights    | 4k        | ≤ 16             | 48k           | 600     |
 * | xhigh   | weighted-best-of-n (verifier-summed votes) | 4k        | 32               | 128k          | 900     |
 * | max     | adaptive-consistency + verifier, P ≥ 0.99  | 8k        | ≤ 64             | 512k          | 1800    |
 */
export const EFFORT_PLANS: Readonly<Record<Exclude<Effort, 'auto'>, EffortPlan>> = {
  none: {
    effort: 'none',
    strategy: 'direct',
    options: { maxTokens: 256 },
    budget: { maxTokens: 256, maxCalls: 1, maxSeconds: 30 },
    description: 'answer at once, no thinking',
  },
  minimal: {
    effort: 'minimal',
    strategy: 'cot',
    options: { maxTokens: 512 },
    budget: { maxTokens: 1024, maxCalls: 1, maxSeconds: 60 },
    description: 'one short chain of thought',
  },
  low: {
    effort: 'low',
    strategy: 'cot',
    options: { maxTokens: 2048 },
    budget: { maxTokens: 4096, maxCalls: 2, maxSeconds: 120 },
    description: 'one chain of thought',
  },
  medium: {
    effort: 'medium',
    strategy: 'adaptive-consistency',
    options: { maxSamples: 5, threshold: 0.95, maxTokens: 2048 },
    budget: { maxTokens: 16_384, maxSeconds: 300 },
    description: 'vote over up to 5 chains, stop as soon as the vote is settled',
  },
  high: {
    effort: 'high',
    strategy: 'adaptive-consistency',
    options: { maxSamples: 16, threshold: 0.95, maxTokens: 4096, weightByVerifier: true },
    budget: { maxTokens: 49_152, maxSeconds: 600 },
    description: 'vote over up to 16 chains weighted by the verifier, stop when settled',
  },
  xhigh: {
    effort: 'xhigh',
    strategy: 'weighted-best-of-n',
    options: { n: 32, maxTokens: 4096 },
    budget: { maxTokens: 131_072, maxSeconds: 900 },
    description: '32 chains, answers ranked by summed verifier scores',
  },
  max: {
    effort: 'max',
    strategy: 'adaptive-consistency',
    options: { maxSamples: 64, threshold: 0.99, maxTokens: 8192, weightByVerifier: true },
    budget: { maxTokens: 524_288, maxSeconds: 1800 },
    description: 'vote over up to 64 chains weighted by the verifier, stop at 99% certainty',
  },
};

/** The effort used when a request names none. */
export const DEFAULT_EFFORT: Exclude<Effort, 'auto'> = 'medium';

/** The least effort (minimal … xhigh) whose token budget holds `tokens`, else `max`: a client's reasoning budget as an effort. */
export function effortForTokens(tokens: number): Exclude<Effort, 'auto'> {
  const thinking = (['minimal', 'low', 'medium', 'high', 'xhigh'] as const).find(
    (effort) => (EFFORT_PLANS[effort].budget.maxTokens ?? 0) >= tokens,
  );
  return thinking ?? 'max';
}

/** Throws UNKNOWN_EFFORT unless `value` is one of the effort names. */
export function parseEffort(value: string | undefined): Effort {
  if (value === undefined) return DEFAULT_EFFORT;
  if (isEffort(value)) return value;
  throw new SlowthinkError(ERROR_CODES.UNKNOWN_EFFORT, `Unknown effort "${value}"`, {
    hint: `Use one of: ${EFFORTS.join(', ')}.`,
    param: 'effort',
  });
}

/**
 * The `auto` rule, used where no fitted router exists for the model and task (docs/routing.md): a search task (`countdown`) gets `high`; an `arithmetic` question
 * gets `low` with at most one operator on short numbers, `high` with four or more operators or numbers of six or more
 * digits, else `medium`; an unknown task gets `low` for a short question (< 60 characters) and `medium` otherwise.
 */
export function chooseAutoEffort(question: string, task: string | undefined): Exclude<Effort, 'auto'> {
  if (task === 'countdown') return 'high';
  if (task === 'arithmetic') {
    const operators = (question.match(/[-+*×x÷/^]\s*\(?\s*\d/g) ?? []).length;
    const longest = Math.max(0, ...(question.match(/\d+/g) ?? []).map((digits) => digits.length));
    if (operators >= 4 || longest >= 6) return 'high';
    if (operators <= 1 && longest <= 3) return 'low';
    return 'medium';
  }
  return question.trim().length < 60 ? 'low' : 'medium';
}

/**
 * The learned `auto` (docs/routing.md): the `router` strategy under the budget of the router's effort row, each sample
 * capped at `sampleTokens` (the cap its fitted samples were drawn with). The engine uses it when a router exists.
 */
export function routedAutoPlan(effort: Exclude<Effort, 'auto'>, sampleTokens: number): EffortPlan {
  const row = EFFORT_PLANS[effort];
  return {
    effort,
    strategy: 'router',
    options: { maxTokens: sampleTokens },
    budget: { ...row.budget },
    description: 'two probe samples, then the plan a fitted router gives the task, size and agreement',
  };
}

/** The plan of an effort; `auto` is resolved with the question and detected task. */
export function planFor(effort: Effort, question = '', task?: string): EffortPlan {
  const level = effort === 'auto' ? chooseAutoEffort(question, task) : effort;
  const plan = EFFORT_PLANS[level];
  if (!plan) throw new SlowthinkError(ERROR_CODES.UNKNOWN_EFFORT, `Unknown effort "${String(effort)}"`, { param: 'effort' });
  return { ...plan, options: { ...plan.options }, budget: { ...plan.budget } };
}
