/** @module The default AnswerKey (extraction + normalization + equivalence) and a task's overrides merged over it. */
import type { Task } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import { answersEquivalent, type EquivalenceOptions, normalizeAnswer } from './answers-equivalent.js';
import { extractAnswer } from './extract-answer.js';

/** Options for {@link createAnswerKey}. */
export interface AnswerKeyOptions extends EquivalenceOptions {}

/** Builds the default math AnswerKey with the given equivalence options. */
export function createDefaultAnswerKey(options: AnswerKeyOptions = {}): AnswerKey {
  return {
    extract: (text) => extractAnswer(text),
    normalize: (answer) => normalizeAnswer(answer),
    equivalent: (a, b) => answersEquivalent(a, b, options),
  };
}

/** The default math AnswerKey (strict percentages). */
export const defaultAnswerKey: AnswerKey = createDefaultAnswerKey();

/**
 * The AnswerKey for a task: the task's `answerKey` partial (e.g. Countdown's expression-to-value normalization) merged
 * over the default; the default alone without a task. A task that overrides only `normalize` gets an `equivalent` that
 * compares normalized forms, so votes and equivalence agree.
 * @example createAnswerKey(getTask('countdown')).normalize('(25+75)*3')
 */
export function createAnswerKey(task?: Task, options: AnswerKeyOptions = {}): AnswerKey {
  const base = options.percent === undefined ? defaultAnswerKey : createDefaultAnswerKey(options);
  const partial = task?.answerKey;
  if (!partial) return base;
  return {
    extract: partial.extract ? (text) => partial.extract!(text) : base.extract,
    normalize: partial.normalize ? (answer) => partial.normalize!(answer) : base.normalize,
    equivalent: partial.equivalent
      ? (a, b) => partial.equivalent!(a, b)
      : partial.normalize
        ? (a, b) => base.equivalent(partial.normalize!(a), partial.normalize!(b))
        : base.equivalent,
  };
}
