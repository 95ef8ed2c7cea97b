/** @module Search strategies on models that cannot continue a partial answer: best-of-n with a warning. */
import type { Problem, StrategyContext, StrategyResult, Warning } from '../../spec/index.js';
import { bestOfN } from '../best-of-n.js';

/** The warning a search strategy returns when it fell back to best-of-n. */
export function noContinuationWarning(strategy: string, modelId: string): Warning {
  return {
    type: 'unsupported',
    feature: 'continuation',
    message: `${strategy} grows chains line by line and needs a model that continues a partial answer; ${modelId} cannot, so best-of-n ran instead.`,
  };
}

/** Runs best-of-n with `n` samples (unless the options name one) and adds the fallback warning to the result. */
export async function runWithoutContinuation(
  strategy: string,
  problem: Problem,
  context: StrategyContext,
  n: number,
): Promise<StrategyResult> {
  const options = { ...context.options, n: context.options.n ?? n };
  const result = await bestOfN.run(problem, { ...context, options });
  const earlier = (result.details?.warnings as Warning[] | undefined) ?? [];
  return {
    ...result,
    details: { ...result.details, fallback: 'best-of-n', warnings: [...earlier, noContinuationWarning(strategy, context.model.id)] },
  };
}
