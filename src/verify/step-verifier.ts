/** @module The `steps` process verifier: scores a chain by its checkable scratchpad lines (exact, or a learned checker). */
import type { Problem, Score, Verifier } from '../spec/verifier.js';
import { checkEquationLine } from './equation-check.js';

/** A per-line checker: true/false (exact) or a probability of being right; undefined when the line is not checkable. */
export type StepChecker = (
  line: string,
  options: { signal?: AbortSignal },
) => boolean | number | undefined | Promise<boolean | number | undefined>;

/** How line verdicts become one score: `mean` = fraction right, `min`, `product`, or the `last` checkable line. */
export type StepAggregate = 'mean' | 'min' | 'product' | 'last';

/** Every step aggregate, for validation. */
export const STEP_AGGREGATES: readonly StepAggregate[] = ['mean', 'min', 'product', 'last'];

/** Options for {@link createStepVerifier}. */
export interface StepVerifierOptions {
  /** Per-line checker. Default: the task module's exact `checkStep` when given, then this module's equation checker. */
  checkStep?: StepChecker;
  /** Default `mean`. */
  aggregate?: StepAggregate;
  /** Score of a chain with no checkable line. Default 0.5 (no evidence either way). */
  emptyScore?: number;
  /** Verifier name. Default `steps`. */
  name?: string;
  /** Whether the checker is exact (0/1 per line). Default true. */
  exactSteps?: boolean;
}

/** The thinking lines of a candidate: its reasoning, else the text inside `<think>…</think>`, else the whole text. */
export function scratchpadLines(candidate: { text: string; reasoning?: string | undefined }): string[] {
  let source = candidate.reasoning;
  if (source === undefined || source.trim() === '') {
    const think = /<think>([\s\S]*?)(?:<\/think>|$)/.exec(candidate.text);
    source = think ? think[1] : candidate.text;
  }
  return (source ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Combines line scores in [0,1]. */
export function aggregateStepScores(values: readonly number[], aggregate: StepAggregate): number {
  if (values.length === 0) return Number.NaN;
  if (aggregate === 'min') return Math.min(...values);
  if (aggregate === 'product') return values.reduce((product, value) => product * value, 1);
  if (aggregate === 'last') return values.at(-1) as number;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function toProbability(verdict: boolean | number): number {
  if (typeof verdict === 'boolean') return verdict ? 1 : 0;
  return Number.isFinite(verdict) ? Math.min(1, Math.max(0, verdict)) : 0;
}

/**
 * A process verifier: each checkable scratchpad line is scored by `checkStep`, and the line scores are aggregated.
 * It is not `exact` as an outcome verifier: right steps do not prove the final answer right.
 */
export function createStepVerifier(options: StepVerifierOptions = {}): Verifier {
  const aggregate = options.aggregate ?? 'mean';
  const emptyScore = options.emptyScore ?? 0.5;
  const checkStep: StepChecker = options.checkStep ?? ((line) => checkEquationLine(line));
  const exactSteps = options.exactSteps ?? true;
  return {
    name: options.name ?? 'steps',
    kind: 'process',
    exact: false,
    async score(_problem: Problem, candidate, scoreOptions = {}): Promise<Score> {
      const checked: Array<{ line: string; value: number }> = [];
      for (const line of scratchpadLines(candidate)) {
        scoreOptions.signal?.throwIfAborted();
        const verdict = await checkStep(line, scoreOptions.signal ? { signal: scoreOptions.signal } : {});
        if (verdict !== undefined) checked.push({ line, value: toProbability(verdict) });
      }
      if (checked.length === 0) {
        return {
          value: emptyScore,
          evidence: 'no checkable step',
          issues: [{ code: 'no-checkable-steps', message: 'No line holds a checkable equation.' }],
        };
      }
      const value = aggregateStepScores(
        checked.map((entry) => entry.value),
        aggregate,
      );
      const wrong = checked.filter((entry) => entry.value < 0.5);
      const right = checked.length - wrong.length;
      const summary = exactSteps
        ? `${right} of ${checked.length} checkable steps right`
        : `${checked.length} steps scored; ${aggregate} ${value.toFixed(3)}`;
      return {
        value,
        evidence: wrong.length > 0 ? `${summary}; first wrong: ${wrong[0]?.line}` : summary,
        issues: wrong.map((entry) => ({ code: 'wrong-step', message: entry.line })),
      };
    },
  };
}
