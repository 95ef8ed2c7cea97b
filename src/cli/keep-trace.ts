/** @module Keeps an `ask`'s trace in the run store (the web app's run browser replays it); `--no-trace` opts out. */
import type { ReasonRequest, ReasonResult } from '../spec/index.js';

/**
 * Saves the result's trace as a one-job run in the store at `storePath` (`--store`, `SLOWTHINK_STORE`, ~/.slowthink).
 * A store that cannot be written costs a warning on stderr, never the answer or the exit code.
 */
export async function keepAskTrace(request: ReasonRequest, result: ReasonResult, storePath?: string): Promise<string | undefined> {
  try {
    const { RunStore, resolveStorePath, saveTrace } = await import('../store/index.js');
    const store = RunStore.open(resolveStorePath(storePath));
    try {
      const run = saveTrace(store, {
        source: 'ask',
        question: request.question ?? '',
        model: result.model,
        effort: result.effort,
        strategy: result.strategy,
        result,
      });
      return run.id;
    } finally {
      store.close();
    }
  } catch (error) {
    process.stderr.write(`warning: the trace was not kept in the run store: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}
