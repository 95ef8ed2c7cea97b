/** @module The first reasoning line of a choice: the effort plan, known before the engine reports anything. */
import { planRequest } from '../engine/index.js';
import type { PlannedRequest } from './to-reason-request.js';

/**
 * `Effort medium → adaptive-consistency: vote over up to 5 chains, …`: honest progress a client sees at once, planned
 * by the engine itself. Undefined when the request is invalid in a way the engine will report itself.
 */
export function describePlan(plan: PlannedRequest): string | undefined {
  try {
    // Only `auto` plans by task: other efforts skip detection, which costs ~0.2 s per MB of question.
    const planned = planRequest(plan.reason, { detect: plan.effort === 'auto' });
    const effort = planned.effort === 'auto' ? `auto → ${planned.plan.effort}` : planned.plan.effort;
    if (planned.strategy !== planned.plan.strategy) return `Effort ${effort} → ${planned.strategy}`;
    return `Effort ${effort} → ${planned.plan.strategy}: ${planned.plan.description}`;
  } catch {
    return undefined;
  }
}
