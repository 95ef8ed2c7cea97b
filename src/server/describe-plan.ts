/** @module The first reasoning line of a choice: the effort plan, known before the engine reports anything. */
import { planFor } from '../budget/index.js';
import { detectTask, getTask } from '../tasks/index.js';
import type { PlannedRequest } from './to-reason-request.js';

/** Task detection runs regexes over the question: past this many characters it costs more than the line is worth. */
const MAX_DETECTED_CHARACTERS = 4096;

function lastUserQuestion(plan: PlannedRequest): string {
  return [...(plan.reason.messages ?? [])].reverse().find((message) => message.role === 'user')?.content ?? '';
}

/**
 * `Effort medium → adaptive-consistency: vote over up to 5 chains, …`: honest progress a client sees at once, from the
 * same effort table the engine uses. Undefined when the request is invalid in a way the engine will report itself.
 */
export function describePlan(plan: PlannedRequest): string | undefined {
  try {
    const full = lastUserQuestion(plan);
    const question = full.length > MAX_DETECTED_CHARACTERS ? '' : full;
    const task = plan.reason.task === undefined ? (question === '' ? undefined : detectTask(question)) : getTask(plan.reason.task);
    const effortPlan = planFor(plan.effort, question, task?.name);
    const effort = plan.effort === 'auto' ? `auto → ${effortPlan.effort}` : effortPlan.effort;
    if (plan.reason.strategy !== undefined && plan.reason.strategy !== effortPlan.strategy) {
      return `Effort ${effort} → ${plan.reason.strategy}`;
    }
    return `Effort ${effort} → ${effortPlan.strategy}: ${effortPlan.description}`;
  } catch {
    return undefined;
  }
}
