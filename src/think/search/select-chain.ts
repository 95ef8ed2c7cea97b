/** @module Choosing among finished chains: the best-scored one, or a score-weighted vote; with the `vote` event and a summary. */
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import type { StrategyContext } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { stringOption } from '../strategy-options.js';
import { tallyRecord, tallyVotes } from '../voting.js';

/** How a search picks its answer among finished chains. */
export type ChainSelection = 'best' | 'vote';

/** The `select` option: `best` (default) or `vote`; anything else is an INVALID_ARGUMENT naming the option. */
export function selectionOption(context: StrategyContext, fallback: ChainSelection = 'best'): ChainSelection {
  const selection = stringOption(context.options, 'select', fallback);
  if (selection !== 'best' && selection !== 'vote') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected option \`select\` to be best or vote, got ${selection}`, {
      hint: 'Use select: "best" (highest score) or "vote" (score-weighted vote over finished chains).',
      param: 'options.select',
    });
  }
  return selection;
}

/** Picks the winner among scored chains and emits one `vote` event (answers weighted by their scores). */
export function selectChain(
  context: StrategyContext,
  chains: readonly Candidate[],
  selection: ChainSelection,
): { winner: Candidate | undefined; tally: Record<string, number> } {
  const tally = tallyVotes(chains, (chain) => chain.score ?? 0);
  const record = tallyRecord(tally);
  const total = tally.entries.reduce((sum, entry) => sum + entry.weight, 0);
  context.emit({
    type: 'vote',
    tally: record,
    leader: tally.leader?.key,
    confidence: tally.leader && total > 0 ? tally.leader.weight / total : 0,
    samples: chains.length,
  });
  if (selection === 'vote' && tally.leader) {
    const members = chains.filter((chain) => chain.key === tally.leader?.key);
    return { winner: bestScored(members, tally), tally: record };
  }
  return { winner: bestScored(chains, tally), tally: record };
}

/** The highest-scored chain, preferring chains with an answer; ties go to the more common answer, then the earlier chain. */
export function bestScored(chains: readonly Candidate[], tally = tallyVotes(chains)): Candidate | undefined {
  const countOf = (chain: Candidate) => tally.entries.find((entry) => entry.key === chain.key)?.count ?? 0;
  const answered = chains.filter((chain) => chain.answer !== undefined);
  const pool = answered.length > 0 ? answered : chains;
  return pool.reduce<Candidate | undefined>((best, chain) => {
    if (!best) return chain;
    const difference = (chain.score ?? 0) - (best.score ?? 0);
    if (difference !== 0) return difference > 0 ? chain : best;
    const votes = countOf(chain) - countOf(best);
    if (votes !== 0) return votes > 0 ? chain : best;
    return chain.index < best.index ? chain : best;
  }, undefined);
}
