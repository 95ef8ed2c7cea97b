/** @module The task registry: built-in tasks by name, and detection of which task a question belongs to. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Task } from '../spec/task.js';
import { arithmeticTask } from './arithmetic.js';
import { arithmeticOutOfScope } from './arithmetic-scope.js';
import { countdownTask } from './countdown.js';
import { physicsTask } from './physics.js';
import { programTraceTask } from './program-trace.js';

const TASKS: readonly Task[] = [countdownTask, arithmeticTask, programTraceTask, physicsTask];

/** The task with this name; throws UNKNOWN_TASK otherwise. */
export function getTask(name: string): Task {
  const task = TASKS.find((candidate) => candidate.name === name);
  if (!task) {
    throw new SlowthinkError(ERROR_CODES.UNKNOWN_TASK, `Unknown task '${name}'`, {
      hint: `Use one of: ${TASKS.map((entry) => entry.name).join(', ')}`,
      param: 'task',
    });
  }
  return task;
}

/** All built-in tasks. */
export function listTasks(): readonly Task[] {
  return TASKS;
}

/**
 * Where the embedded models stand on a (normalised) question: its task, and the reason to decline when it is outside
 * what they were trained on (`2^10`, `123456789*987654321`, `100/25`); neither for a question of no task.
 */
export function scopeOf(question: string): { task?: Task; declined?: string } {
  const task = detectTask(question);
  const declined = task ? task.outOfScope?.(question) : arithmeticOutOfScope(question);
  return { ...(task ? { task } : {}), ...(declined ? { declined } : {}) };
}

/** The built-in task a question belongs to, or undefined (e.g. for `What is the capital of France?`). */
export function detectTask(question: string): Task | undefined {
  return TASKS.find((task) => task.matches(question));
}
