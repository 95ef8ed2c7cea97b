/** @module The live tree of thoughts: React Flow draws what d3-hierarchy lays out; colour is the verifier's score. */
import { Background, Controls, Handle, type NodeProps, Position, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import type { TraceState } from './trace-state.js';
import { layoutTree, type ThoughtNode } from './tree-layout.js';

/** Red (0) to green (1); grey when unscored. */
export function scoreColour(score: number | undefined): string {
  if (score === undefined) return '#e2e8f0';
  return `hsl(${Math.round(120 * Math.max(0, Math.min(1, score)))}, 70%, 80%)`;
}

const ThoughtNodeView = memo(function ThoughtNodeView({ data }: NodeProps<ThoughtNode>) {
  const { thought } = data;
  if (!thought) {
    return (
      <div className="node node-question">
        <strong>Question</strong>
        <div className="node-text">{data.question}</div>
        <Handle type="source" position={Position.Bottom} />
      </div>
    );
  }
  return (
    <div
      className={`node node-${thought.role}${thought.done ? '' : ' node-running'}${data.selected ? ' node-selected' : ''}${data.pruned ? ' node-pruned' : ''}`}
      style={{ background: scoreColour(thought.score) }}
      title={thought.text}
    >
      <Handle type="target" position={Position.Top} />
      <div className="node-label">
        {thought.label}
        {data.pruned ? ' · pruned' : ''}
      </div>
      <div className="node-text">{thought.text.slice(-90)}</div>
      <div className="node-answer">{thought.answer !== undefined ? `→ ${thought.answer}` : thought.done ? 'no answer' : '…'}</div>
      <div className="node-meta">
        {thought.tokens !== undefined ? `${thought.tokens} tok` : ''}
        {thought.score !== undefined ? ` · ${thought.verifier ?? 'score'} ${thought.score.toFixed(2)}` : ''}
        {thought.search?.visits !== undefined
          ? ` · ${thought.search.visits} visits, value ${thought.search.value.toFixed(2)}`
          : thought.evaluations > 1
            ? ` · ${thought.evaluations} visits`
            : ''}
        {thought.confidence !== undefined ? ` · conf ${thought.confidence.toFixed(2)}` : ''}
        {thought.finishReason === 'abort' || thought.finishReason === 'length' ? ` · cut (${thought.finishReason})` : ''}
      </div>
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
});

const nodeTypes = { thought: ThoughtNodeView };

interface TreeViewProps {
  state: TraceState;
  question: string;
  selectedId?: string | undefined;
  onSelect?: (id: string | undefined) => void;
  label: string;
}

function Tree({ state, question, selectedId, onSelect, label }: TreeViewProps) {
  const { nodes, edges } = useMemo(() => layoutTree(state, question, selectedId), [state, question, selectedId]);
  const flow = useReactFlow();
  const count = nodes.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `count` is the trigger: refit each time the tree gains nodes.
  useEffect(() => {
    // Next frame: React Flow has taken the new nodes into its store by then.
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1.2 }));
    return () => cancelAnimationFrame(frame);
  }, [count, flow]);
  return (
    <section className="tree" aria-label={label} data-testid="tree" data-nodes={count}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable
        edgesFocusable={false}
        onNodeClick={(_, node) => onSelect?.(node.id === '__question__' ? undefined : node.id)}
        onNodeDoubleClick={(_, node) => onSelect?.(node.id)}
        onNodesChange={(changes) => {
          // The nodes are controlled, so a selection (click, or Enter on a focused node) arrives as a change.
          for (const change of changes) {
            if (change.type === 'select' && change.selected) onSelect?.(change.id === '__question__' ? undefined : change.id);
          }
        }}
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
        fitView
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </section>
  );
}

/** The tree with its own React Flow provider (two trees side by side in the compare view each get one). */
export function TreeView(props: TreeViewProps) {
  return (
    <ReactFlowProvider>
      <Tree {...props} />
    </ReactFlowProvider>
  );
}
