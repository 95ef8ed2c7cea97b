/** @module Who plays each role of a society: solvers' model views, the checker agent and the model aggregator's prompt. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { Message, Model, Problem, StrategyContext, Verifier } from '../../spec/index.js';

/** The checker agent: a verifier and the model it runs on (`engine` for the request's or the task's own verifier). */
export interface Checker {
  verifier: Verifier;
  model: string;
  /** Chain lines it read (a learned check role reads each in one forward pass, which the ledger does not bill). */
  lines: number;
}

/** Checker choices of the `checker` option. */
export const CHECKER_CHOICES = ['auto', 'verifier', 'learned', 'judge', 'none'] as const;
export type CheckerChoice = (typeof CHECKER_CHOICES)[number];

/** True when a model reads earlier turns (a chat model), so it can be shown other agents' answers. */
export function readsOthers(model: Model): boolean {
  return model.capabilities.readsConversation !== false;
}

/** The context as seen by one member: its model, and every call sent to it (charged at its price by the engine). */
export function memberContext(context: StrategyContext, model: Model): StrategyContext {
  if (model === context.model) return context;
  return { ...context, model, generate: (request) => context.generate({ ...request, model: request.model ?? model }) };
}

/** The request's model, then the members, without repeats: who may check or aggregate. */
function candidatesFor(context: StrategyContext): Model[] {
  return [...new Set([context.model, ...(context.members ?? [])])];
}

function named(context: StrategyContext, id: string | undefined): Model[] {
  const models = candidatesFor(context);
  if (id === undefined) return models;
  const match = models.filter((model) => model.id === id || model.id.endsWith(`:${id}`));
  if (match.length === 0) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `checkerModel ${id} is neither the request's model nor a member`, {
      hint: `Use one of: ${models.map((model) => model.id).join(', ')}.`,
      param: 'options.checkerModel',
    });
  }
  return match;
}

function learned(context: StrategyContext, models: readonly Model[]): Checker | undefined {
  for (const model of models) {
    const verifier = context.verifierOn?.(model, 'learned-steps');
    if (verifier) return { verifier, model: model.id, lines: 0 };
  }
  return undefined;
}

function judge(context: StrategyContext, models: readonly Model[]): Checker | undefined {
  const model = models.find(readsOthers);
  const verifier = model && context.verifierOn?.(model, 'judge');
  return model && verifier ? { verifier, model: model.id, lines: 0 } : undefined;
}

/**
 * The checker agent. `verifier`: the request's or the task's verifier, else the process verifier; `learned`: the learned
 * check role of the request's model or a member (the embedded models); `judge`: a chat model grades each answer; `auto`:
 * the first of verifier, learned, judge (a judge only when members were named); `none`. `checkerModel` picks the model.
 */
export function chooseChecker(
  problem: Problem,
  context: StrategyContext,
  choice: CheckerChoice,
  checkerModel?: string,
): Checker | undefined {
  const models = named(context, checkerModel);
  const engine = () => {
    const verifier = context.verifier ?? context.processVerifier(problem);
    return verifier ? { verifier, model: 'engine', lines: 0 } : undefined;
  };
  const missing = (what: string) =>
    new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `checker ${choice}: ${what}`, {
      hint: 'Name an embedded model (learned check role) or a chat model (judge) in models, or use checker: auto.',
      param: 'options.checker',
    });
  switch (choice) {
    case 'none':
      return undefined;
    case 'verifier':
      return engine();
    case 'learned':
      return learned(context, models) ?? throwError(missing('no model here has a learned check role'));
    case 'judge':
      return judge(context, models) ?? throwError(missing('no model here reads a conversation to judge'));
    default:
      if (checkerModel === undefined && context.verifier) return engine();
      return (
        learned(context, models) ??
        (checkerModel !== undefined || (context.members?.length ?? 0) > 0 ? judge(context, models) : undefined) ??
        engine()
      );
  }
}

function throwError(error: SlowthinkError): never {
  throw error;
}

/** Mixture-of-agents' aggregate-and-synthesize instruction (Wang et al. 2024), shown before the proposals. */
export const AGGREGATE_INSTRUCTION =
  'You have been provided with a set of responses from various models to the latest user query. Your task is to synthesize these responses into a single, high-quality response. Critically evaluate the information provided in these responses, recognizing that some of it may be biased or incorrect. Do not simply replicate the given answers. Give your final answer alone on the last line as `Answer: <answer>`.';

/** Longest piece of one proposal shown to a reading model (characters, from the end). */
const SHOWN_CHARACTERS = 1500;

/** The conversation a reading model continues to synthesize `proposals` (MoA's aggregator and its middle layers). */
export function synthesisMessages(messages: readonly Message[], proposals: readonly string[]): Message[] {
  const shown = proposals.map(
    (text, index) => `${index + 1}. ${text.length > SHOWN_CHARACTERS ? `…${text.slice(-SHOWN_CHARACTERS)}` : text}`,
  );
  return [{ role: 'system', content: `${AGGREGATE_INSTRUCTION}\n\nResponses from models:\n\n${shown.join('\n\n')}` }, ...messages];
}
