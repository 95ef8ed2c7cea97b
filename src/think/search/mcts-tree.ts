/**
 * @module The MCTS tree over thinking lines and its phases: `select` (UCT), `expand` (sample next lines), `simulate`
 * (roll out to an answer) and `backpropagate` (add the reward up to the root). The algorithm loop lives in mcts.ts.
 */
import type { Candidate } from '../candidate.js';
import type { SearchConfig, ThinkingState } from './search-config.js';

/** One node: a thinking line and the chain that leads to it. */
export interface SearchNode {
  /** The line this node adds (empty for the root). */
  line: string;
  /** The whole chain up to and including this line. */
  lines: string[];
  /** The node's `step` thought; null for the root. */
  thoughtId: string | null;
  parent: SearchNode | null;
  children: SearchNode[];
  /** Times a reward was backpropagated through this node. */
  visits: number;
  /** Sum of the rewards backpropagated through this node. */
  value: number;
  /** The line ends the thinking: the node is a leaf whose rollout is its answer. */
  final: boolean;
  /** Next lines were sampled for this node. */
  expanded: boolean;
  /** Tokens of the chain up to this node. */
  tokens: number;
  /** Rollouts simulated from this node. */
  rollouts: Candidate[];
  /** A widening of this node sampled only lines it already had (progressive widening skips it). */
  saturated?: boolean;
}

/** The empty root of a search. */
export function createRoot(): SearchNode {
  return {
    line: '',
    lines: [],
    thoughtId: null,
    parent: null,
    children: [],
    visits: 0,
    value: 0,
    final: false,
    expanded: false,
    tokens: 0,
    rollouts: [],
  };
}

/** Adds a child for `line` (or returns the existing child with that line). */
export function addChild(parent: SearchNode, line: string, fields: { thoughtId: string; final: boolean; tokens: number }): SearchNode {
  const existing = parent.children.find((child) => child.line === line);
  if (existing) return existing;
  const child: SearchNode = {
    line,
    lines: [...parent.lines, line],
    thoughtId: fields.thoughtId,
    parent,
    children: [],
    visits: 0,
    value: 0,
    final: fields.final,
    expanded: false,
    tokens: parent.tokens + fields.tokens,
    rollouts: [],
  };
  parent.children.push(child);
  return child;
}

/** Mean reward of a node (0 before its first visit). */
export function meanValue(node: SearchNode): number {
  return node.visits === 0 ? 0 : node.value / node.visits;
}

/** UCT (Kocsis & Szepesvári 2006): mean reward + c·√(ln N / n); an unvisited child comes first (Infinity). */
export function uct(child: SearchNode, parentVisits: number, exploration: number): number {
  if (child.visits === 0) return Number.POSITIVE_INFINITY;
  return meanValue(child) + exploration * Math.sqrt(Math.log(Math.max(1, parentVisits)) / child.visits);
}

/** Select: from the root, follow the child with the highest UCT (the earlier on ties) down to a node not yet expanded or final. */
export function select(root: SearchNode, exploration: number): SearchNode {
  let node = root;
  while (node.expanded && !node.final && node.children.length > 0) {
    const parentVisits = node.visits;
    node = node.children.reduce((best, child) =>
      uct(child, parentVisits, exploration) > uct(best, parentVisits, exploration) ? child : best,
    );
  }
  return node;
}

/** Backpropagate: add one visit and `reward` to the node and every ancestor. */
export function backpropagate(node: SearchNode, reward: number): void {
  for (let current: SearchNode | null = node; current; current = current.parent) {
    current.visits += 1;
    current.value += reward;
  }
}

/** The world-model state a node stands for. */
export function stateOf(node: SearchNode): ThinkingState {
  return { lines: node.lines, tokens: node.tokens, thoughtId: node.thoughtId, final: node.final };
}

/** Expand: proposes `width` next lines for `node` in one call and adds them as children (same line, same child). */
export async function expand(config: SearchConfig, node: SearchNode, width: number): Promise<SearchNode[]> {
  const proposals = await config.proposeActions(stateOf(node), width, `Step ${node.lines.length + 1}`);
  if (proposals.length === 0) return [];
  node.expanded = true;
  const fresh = new Set<SearchNode>();
  for (const { state } of proposals) {
    const line = state.lines.at(-1) ?? '';
    fresh.add(addChild(node, line, { thoughtId: state.thoughtId ?? '', final: state.final, tokens: state.tokens - node.tokens }));
  }
  return [...fresh];
}

/** Simulate: rolls the node's chain out to an answer with one completion; undefined when the budget allows no call. */
export async function simulate(config: SearchConfig, node: SearchNode): Promise<Candidate | undefined> {
  const label = node.final ? `Answer after step ${node.lines.length}` : `Rollout from step ${node.lines.length}`;
  const rollout = await config.finish(stateOf(node), label);
  if (rollout) node.rollouts.push(rollout);
  return rollout;
}

/** The path of most-visited children from the root (the search's preferred chain). */
export function mostVisitedPath(root: SearchNode): SearchNode[] {
  const path: SearchNode[] = [];
  let node = root;
  while (node.children.length > 0) {
    node = node.children.reduce((best, child) => (child.visits > best.visits ? child : best));
    path.push(node);
  }
  return path;
}
