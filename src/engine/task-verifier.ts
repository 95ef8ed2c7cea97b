/** @module An exact outcome verifier from a task's own checker (1 for a correct answer, 0 otherwise). */
import type { Task, Verifier } from '../spec/index.js';

/** Wraps `task.check` as a Verifier; a candidate without an extracted answer scores 0. */
export function createTaskCheckVerifier(task: Task): Verifier {
  return {
    name: `task:${task.name}`,
    kind: 'outcome',
    exact: true,
    async score(problem, candidate) {
      if (candidate.answer === undefined) return { value: 0, evidence: 'no answer found' };
      const correct = task.check(problem.question, candidate.answer);
      return { value: correct ? 1 : 0, evidence: correct ? `${task.name} checker: correct` : `${task.name} checker: wrong` };
    },
  };
}
