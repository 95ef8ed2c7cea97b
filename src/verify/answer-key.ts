/** @module The default AnswerKey (extraction + normalization + equivalence) and a task's overrides merged over it. */
import type { Task } from '../spec/task.js';
import type { AnswerKey } from '../spec/verifier.js';
import { answersEquivalent, type EquivalenceOptions, normalizeAnswer } from './answers-equivalent.js';
import { extractAnswer } from './extract-answer.js';

/** Options for {@link createAnswerKey}. */
export interface AnswerKeyOptions extends EquivalenceOptions {
  /** The question answered: a task with `answerKeyFor` binds its key to it (Countdown checks the numbers given). */
  question?: string;
}

/** Builds the default math AnswerKey with the given equivalence options. */
export function createDefaultAnswerKey(options: EquivalenceOptions = {}): AnswerKey {
  return {
    extract: (text) => extractAnswer(text),
    normalize: (answer) => normalizeAnswer(answer),
    equivalent: (a, b) => answersEquivalent(a, b, options),
  };
}

/** The default math AnswerKey (strict percentages). */
export const defaultAnswerKey: AnswerKey = createDefaultAnswerKey();

/**
 * The AnswerKey for a task: the task's key for this question (`answerKeyFor`), else its `answerKey` partial, merged over the
 * default; the default alone without a task. A task that overrides only `normalize` gets an `equivalent` that compares
 * normalized forms, so votes and equivalence agree.
 * @example createAnswerKey(getTask('countdown'), { question: 'Use 3, 7, 25, 50 to make 71.' }).normalize('(25+50)-7+3')
 */
export function createAnswerKey(task?: Task, options: AnswerKeyOptions = {}): AnswerKey {
  const { question, ...equivalence } = options;
  const base = equivalence.percent === undefined ? defaultAnswerKey : createDefaultAnswerKey(equivalence);
  const partial = question !== undefined && task?.answerKeyFor ? task.answerKeyFor(question) : task?.answerKey;
  if (!partial) return base;
  const { extract, normalize, equivalent } = partial;
  return {
    extract: extract ? (text) => extract(text) : base.extract,
    normalize: normalize ? (answer) => normalize(answer) : base.normalize,
    equivalent: equivalent
      ? (a, b) => equivalent(a, b)
      : normalize
        ? (a, b) => base.equivalent(normalize(a), normalize(b))
        : base.equivalent,
  };
}
