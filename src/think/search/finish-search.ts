/** @module The end of a thinking-line search (beam, DVTS, MCTS): a summary thought that carries the winner's answer, then the result. */
import type { StrategyContext, StrategyResult } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { buildResult } from '../strategy-result.js';
import type { SearchConfig } from './search-config.js';
import { type ChainSelection, selectChain } from './select-chain.js';

/** How a search ended: the summary thought's title and text, the winning chain, and the strategy's details. */
export interface SearchEnding {
  title: string;
  summary: string;
  winner: Candidate | undefined;
  details: Record<string, unknown>;
}

/** Writes the summary thought and builds the result, with the samples drawn and the limit that stopped the search. */
export function finishSearch(context: StrategyContext, config: SearchConfig, ending: SearchEnding): StrategyResult {
  const { winner } = ending;
  const summaryId = context.startThought('aggregate', ending.title, null);
  context.endThought(summaryId, { text: ending.summary, ...(winner?.answer === undefined ? {} : { answer: winner.answer }) });
  return buildResult({ winner, samples: config.samples(), stoppedBy: context.stopped(), details: ending.details });
}

/**
 * Picks the answer among the finished chains (best score, or a score-weighted vote) and ends the search: the details
 * every chain search reports (verifier, reward, scores, tally, a warning without a process verifier), plus `extra`.
 */
export function finishChainSearch(
  context: StrategyContext,
  config: SearchConfig,
  finished: readonly Candidate[],
  selection: ChainSelection,
  ending: { title: string; lead?: string; extra?: Record<string, unknown> },
): StrategyResult {
  const { winner, tally } = selectChain(context, finished, selection);
  const rule = selection === 'vote' ? 'score-weighted vote' : `best ${config.source} score`;
  return finishSearch(context, config, {
    title: ending.title,
    summary: `${ending.lead ?? ''}${finished.length} finished chains; ${rule} → ${winner?.answer ?? 'no answer'}`,
    winner,
    details: {
      verifier: config.processVerifier?.name ?? null,
      reward: config.source,
      ...ending.extra,
      finished: finished.length,
      scores: finished.map((chain) => chain.score ?? null),
      tally,
      warnings: config.processVerifier
        ? []
        : [{ type: 'other', message: 'No process verifier: partial chains ranked by model confidence.' }],
    },
  });
}
