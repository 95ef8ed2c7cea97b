/** @module The end of a thinking-line search (beam, MCTS): a summary thought that carries the winner's answer, then the result. */
import type { StrategyContext, StrategyResult } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { buildResult } from '../strategy-result.js';
import type { SearchConfig } from './search-config.js';

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
