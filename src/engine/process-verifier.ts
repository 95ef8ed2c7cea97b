/** @module The process verifier the engine hands to strategies for partial chains (strategies never build verifiers). */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Model, Problem, Verifier } from '../spec/index.js';
import { stringOption } from '../think/strategy-options.js';
import { createVerifier, resolveBuiltInTask } from '../verify/index.js';

/** Names accepted by the `processVerifier` strategy option. */
export const PROCESS_VERIFIER_NAMES = ['auto', 'steps', 'learned-steps', 'prm', 'none'] as const;

/**
 * The process verifier for partial chains of `problem`, by the `processVerifier` option: `auto` (default) = the request's
 * verifier when it is a process verifier, else `steps`, the exact line checker, when the problem's task is known;
 * `learned-steps` = the model's learned check role (the embedded model); `prm` = the learned process verifier GGUF;
 * `none`; undefined when none applies.
 * Resolved when a strategy asks, so only strategies that score chains validate the option.
 */
export function resolveProcessVerifier(
  problem: Problem,
  run: { verifier: Verifier | undefined; options: Record<string, unknown>; model: Model },
): Verifier | undefined {
  const choice = stringOption(run.options, 'processVerifier', 'auto');
  if (!(PROCESS_VERIFIER_NAMES as readonly string[]).includes(choice)) {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown process verifier '${choice}'`, {
      hint: `Use one of: ${PROCESS_VERIFIER_NAMES.join(', ')}.`,
      param: 'options.processVerifier',
    });
  }
  // A named choice wins over the request's verifier, which may be the task's default (arithmetic's `steps`).
  if (choice === 'auto' && run.verifier?.kind === 'process') return run.verifier;
  if (choice === 'none') return undefined;
  if (choice === 'learned-steps') return createVerifier('learned-steps', { model: run.model });
  if (choice === 'prm') return createVerifier('prm');
  if (choice === 'steps' || resolveBuiltInTask(problem) !== undefined) return createVerifier('steps');
  return undefined;
}
