/** @module The verifiable reward for RL on the embedded model's completions: correct answer, format, and step errors. */
import { parseCompletion, THINK_CLOSE } from './format.js';
import { detectTask, getTask } from './registry.js';
import { checkStep } from './step-check.js';

/** How one completion scored. */
export interface CompletionReward {
  /**
   * 1 for a correct answer, 0.1 for a well-formed but wrong one (as in TinyZero), 0 otherwise; where the task can
   * decline (Countdown's `no solution`), a wrong committed answer gets 0, so an honest decline outranks a wrong expression.
   */
  reward: number;
  correct: boolean;
  /** The thinking section was closed and an `A: ` answer followed. */
  formatOk: boolean;
  answer?: string;
  /** Scratchpad lines the exact step checker recognised, and how many of those were wrong. */
  checkedSteps: number;
  wrongSteps: number;
}

/** Scores a completion (with or without its prefilled `<think>`) for a question of a built-in task. */
export function rewardCompletion(question: string, completion: string, taskName?: string): CompletionReward {
  const task = taskName === undefined ? detectTask(question) : getTask(taskName);
  const { thinking, answer } = parseCompletion(completion);
  const formatOk = completion.includes(THINK_CLOSE) && answer !== undefined;
  const correct = task !== undefined && answer !== undefined && task.check(question, answer);
  let checkedSteps = 0;
  let wrongSteps = 0;
  for (const line of thinking.split('\n')) {
    const verdict = checkStep(line);
    if (verdict === undefined) continue;
    checkedSteps++;
    if (!verdict) wrongSteps++;
  }
  // A task that can decline asks for one when unsure: its wrong committed answers earn nothing (issue #20: never an
  // expression that does not make the target); tasks without a decline keep TinyZero's format reward.
  const honest = task?.isDecline === undefined || (answer !== undefined && task.isDecline(answer));
  const reward = correct ? 1 : formatOk && honest ? 0.1 : 0;
  return { reward, correct, formatOk, ...(answer === undefined ? {} : { answer }), checkedSteps, wrongSteps };
}
