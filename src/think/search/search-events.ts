/** @module Search internals as `search-node` events (kept and pruned beams, MCTS visits and values), so a client can draw the tree. */
import type { StrategyContext } from '../../spec/index.js';

/** A chain on a beam as the event needs it. */
interface ScoredChain {
  state: { thoughtId: string | null };
  score: number;
}

/** Emits `kept` for every chain in `kept` and `pruned` for the other `candidates` (the empty root chain has no node). */
export function emitBeamStep(
  context: StrategyContext,
  candidates: readonly ScoredChain[],
  kept: readonly ScoredChain[],
  subtree?: number,
): void {
  const keptIds = new Set(kept.map((chain) => chain.state.thoughtId));
  const reported = new Set<string>();
  for (const chain of candidates) {
    const id = chain.state.thoughtId;
    if (id === null || reported.has(id)) continue;
    reported.add(id);
    context.emit({
      type: 'search-node',
      id,
      status: keptIds.has(id) ? 'kept' : 'pruned',
      value: chain.score,
      ...(subtree === undefined ? {} : { subtree }),
    });
  }
}

/** A node of an MCTS tree as the event needs it. */
interface VisitedNode {
  thoughtId: string | null;
  visits: number;
  value: number;
  parent: VisitedNode | null;
}

/** Emits `visited` with the visits and mean value of `node` and each ancestor, after a backpropagation. */
export function emitVisits(context: StrategyContext, node: VisitedNode): void {
  for (let current: VisitedNode | null = node; current; current = current.parent) {
    if (current.thoughtId === null || current.thoughtId === '') continue;
    const mean = current.visits === 0 ? 0 : current.value / current.visits;
    context.emit({ type: 'search-node', id: current.thoughtId, status: 'visited', value: mean, visits: current.visits });
  }
}
