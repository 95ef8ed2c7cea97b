/** @module The plan of a request before anything runs (question, effort, task, effort plan, strategy): the engine's, shared with the server. */
import { type EffortPlan, parseEffort, planFor } from '../budget/index.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { type Effort, lastUserText, type Message, type ReasonRequest, type Task } from '../spec/index.js';
import { detectTask, getTask } from '../tasks/index.js';

/** What a request will run, decided from the request alone (no model is resolved, nothing is spent). */
export interface RequestPlan {
  messages: Message[];
  /** The last user message: the question the strategy answers. */
  question: string;
  effort: Effort;
  task: Task | undefined;
  /** The effort table's row; for `auto`, the row chosen for this question and task. */
  plan: EffortPlan;
  /** The strategy that will run: the request's own, else the plan's. */
  strategy: string;
}

/** The conversation of a request; throws INVALID_ARGUMENT when there is no non-empty user question. */
export function requestMessages(request: ReasonRequest): Message[] {
  if (request.messages !== undefined && request.question !== undefined) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'Give either `question` or `messages`, not both', { param: 'messages' });
  }
  const messages = request.messages ?? (request.question === undefined ? [] : [{ role: 'user' as const, content: request.question }]);
  if (lastUserText(messages).trim() === '') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'The question is empty', {
      hint: 'Pass a non-empty question, e.g. slowthink ask "What is 17 * 23?".',
      param: request.messages ? 'messages' : 'question',
    });
  }
  return messages;
}

/**
 * Plans a request as the engine will run it; throws SlowthinkError for an empty question, unknown effort or task.
 * `detect: false` skips task detection (regexes over the whole question) where no task is named: only `auto` plans by task.
 */
export function planRequest(request: ReasonRequest, options: { detect?: boolean } = {}): RequestPlan {
  const messages = requestMessages(request);
  const question = lastUserText(messages);
  const effort = parseEffort(request.effort);
  const detect = options.detect ?? true;
  const task = request.task === undefined ? (detect ? detectTask(question) : undefined) : getTask(request.task);
  const plan = planFor(effort, question, task?.name);
  return { messages, question, effort, task, plan, strategy: request.strategy ?? plan.strategy };
}
