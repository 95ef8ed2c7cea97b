/** @module Positions the tree of thoughts with d3-hierarchy (a tidy tree), as React Flow nodes and edges. */
import type { Edge, Node } from '@xyflow/react';
import { type HierarchyPointNode, stratify, tree } from 'd3-hierarchy';
import type { TraceState, TreeThought } from './trace-state.js';

/** Width and height of one node's cell. */
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 90;

const ROOT = '__question__';

export type ThoughtNodeData = { thought: TreeThought | undefined; question: string; selected: boolean; pruned: boolean };
export type ThoughtNode = Node<ThoughtNodeData, 'thought'>;

/** One line for screen readers: what a node is, what it answered, how it scored. */
export function describeThought(thought: TreeThought, pruned = false): string {
  const parts = [thought.label];
  if (pruned) parts.push('pruned');
  if (thought.answer !== undefined) parts.push(`answer ${thought.answer}`);
  if (thought.score !== undefined) parts.push(`score ${thought.score.toFixed(2)}`);
  if (!thought.done) parts.push('running');
  return parts.join(', ');
}

/** Nodes and edges of the state's tree under one question node; a thought whose parent is unknown hangs off the root. */
export function layoutTree(state: TraceState, question: string, selectedId?: string): { nodes: ThoughtNode[]; edges: Edge[] } {
  type Row = { id: string; parentId: string | null };
  const rows: Row[] = [{ id: ROOT, parentId: null }];
  for (const id of state.order) {
    const thought = state.thoughts.get(id);
    if (!thought) continue;
    const parent = thought.parentId !== null && state.thoughts.has(thought.parentId) ? thought.parentId : ROOT;
    rows.push({ id, parentId: parent });
  }
  // The search says what it pruned (`search-node`); for traces without it, a finished step left without children while
  // a sibling went on was pruned (beam) or not chosen (MCTS).
  const parents = new Set(rows.map((row) => row.parentId));
  const siblingsGoOn = new Set(rows.filter((row) => parents.has(row.id)).map((row) => row.parentId));
  const pruned = (row: Row, thought: TreeThought | undefined) =>
    thought?.search && thought.search.status !== 'visited'
      ? thought.search.status === 'pruned'
      : thought?.role === 'step' && thought.done && !parents.has(row.id) && siblingsGoOn.has(row.parentId);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const root = stratify<Row>()
    .id((row) => row.id)
    .parentId((row) => row.parentId)(rows);
  const positioned: HierarchyPointNode<Row> = tree<Row>().nodeSize([NODE_WIDTH + 20, NODE_HEIGHT + 40])(root);
  const nodes: ThoughtNode[] = [];
  const edges: Edge[] = [];
  positioned.each((point) => {
    const thought = point.id === ROOT ? undefined : state.thoughts.get(point.id ?? '');
    const row = byId.get(point.id ?? ROOT);
    const isPruned = row !== undefined && pruned(row, thought);
    nodes.push({
      id: point.id ?? ROOT,
      type: 'thought',
      position: { x: point.x - NODE_WIDTH / 2, y: point.y },
      data: { thought, question, selected: point.id === selectedId, pruned: isPruned },
      // Known sizes: fitView can frame new nodes before React Flow has measured them.
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      ariaLabel: thought ? describeThought(thought, isPruned) : `Question: ${question}`,
      domAttributes: { 'data-testid': 'tree-node', 'data-role': thought?.role ?? 'question' } as Record<string, string>,
    });
    if (point.parent) {
      edges.push({ id: `${point.parent.id}->${point.id}`, source: point.parent.id ?? ROOT, target: point.id ?? ROOT, type: 'smoothstep' });
    }
  });
  return { nodes, edges };
}
