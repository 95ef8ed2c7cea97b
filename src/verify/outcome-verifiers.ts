/** @module Exact outcome verifiers: `task` (a Task's own checker) and `reference` (equivalence to a known answer). */

import type { Warning } from '../spec/model.js';
import type { Task } from '../spec/task.js';
import type { AnswerKey, Problem, Score, Verifier } from '../spec/verifier.js';
import { createAnswerKey } from './answer-key.js';

/** Finds the Task for a problem (by `problem.task`, else by detection), or undefined. */
export type TaskResolver = (problem: Problem) => Task | undefined;

/** The candidate's answer: the one already extracted, else the key's extraction from its text. */
function candidateAnswer(candidate: { text: string; answer?: string | undefined }, key: AnswerKey): string | undefined {
  const given = candidate.answer?.trim();
  return given ? given : key.extract(candidate.text);
}

const noAnswer: Score = {
  value: 0,
  evidence: 'no answer found',
  issues: [{ code: 'no-answer', message: 'No final answer in the candidate.' }],
};

/** Options for {@link createTaskVerifier}. */
export interface TaskVerifierOptions {
  /** The task to check against; otherwise `resolveTask` finds one per problem. */
  task?: Task;
  resolveTask?: TaskResolver;
}

/** Scores 1 when the task's exact checker accepts the candidate's answer, else 0. */
export function createTaskVerifier(options: TaskVerifierOptions = {}): Verifier {
  return {
    name: 'task',
    kind: 'outcome',
    exact: true,
    async score(problem, candidate): Promise<Score> {
      const task = options.task ?? options.resolveTask?.(problem);
      if (!task) {
        return { value: 0, evidence: 'no task applies', issues: [{ code: 'no-task', message: 'No task checker matches this problem.' }] };
      }
      const extracted = candidateAnswer(candidate, createAnswerKey(task, { question: problem.question }));
      // Without an extractable answer the checker reads the text itself: a stated "no solution" can be right.
      const answer = extracted ?? (candidate.text.trim() === '' ? undefined : candidate.text.trim());
      if (answer === undefined) return noAnswer;
      let right = false;
      try {
        right = task.check(problem.question, answer);
        if (extracted === undefined && !right) return noAnswer;
      } catch (error) {
        return { value: 0, evidence: `checker failed: ${String(error)}`, issues: [{ code: 'checker-error', message: String(error) }] };
      }
      const why = right ? undefined : task.explain?.(problem.question, answer);
      return {
        value: right ? 1 : 0,
        evidence: `${task.name} checker: ${answer} is ${right ? 'right' : 'wrong'}${why ? ` (${why})` : ''}`,
        ...(why ? { issues: [{ code: 'wrong-answer', message: why }] } : {}),
      };
    },
  };
}

/**
 * A warning for an answer the task's exact checker rejects, where checking is honest at inference (`inferenceVerifier:
 * 'checker'`, e.g. Countdown): the user sees why (`50+7+3+2 is not a valid countdown answer: uses 2, which is not given`).
 */
export function invalidAnswerWarning(task: Task | undefined, question: string, answer: string | undefined): Warning | undefined {
  if (task?.inferenceVerifier !== 'checker' || answer === undefined || task.check(question, answer)) return undefined;
  const why = task.explain?.(question, answer);
  return { type: 'other', message: `${answer} is not a valid ${task.name} answer${why ? `: ${why}` : ''}` };
}

/** Options for {@link createReferenceVerifier}. */
export interface ReferenceVerifierOptions {
  /** Answer handling; default: the problem's task key when `resolveTask` finds one, else the default math key. */
  answerKey?: AnswerKey;
  resolveTask?: TaskResolver;
}

/** Scores 1 when the candidate's answer is equivalent to `problem.reference` (benchmarks), else 0. */
export function createReferenceVerifier(options: ReferenceVerifierOptions = {}): Verifier {
  return {
    name: 'reference',
    kind: 'outcome',
    exact: true,
    async score(problem, candidate): Promise<Score> {
      if (problem.reference === undefined || problem.reference.trim() === '') {
        return {
          value: 0,
          evidence: 'no reference answer',
          issues: [{ code: 'no-reference', message: 'The problem has no reference answer.' }],
        };
      }
      const key = options.answerKey ?? createAnswerKey(options.resolveTask?.(problem), { question: problem.question });
      const answer = candidateAnswer(candidate, key);
      if (answer === undefined) return noAnswer;
      const right = key.equivalent(answer, problem.reference);
      return { value: right ? 1 : 0, evidence: `${answer} ${right ? '≡' : '≢'} reference` };
    },
  };
}
