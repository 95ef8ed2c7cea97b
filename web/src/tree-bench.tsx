/** @module `#bench?nodes=N`: a synthetic search tree of N thoughts for `npm run bench:ui`; reports the time to draw all of it. */
import { useEffect, useState } from 'react';
import type { TraceEvent } from '../../src/spec/index.js';
import { traceAt } from './trace-state.js';
import { TreeView } from './tree-view.js';

declare global {
  interface Window {
    slowthinkBench?: { nodes: number; layoutAndRenderMs: number; sinceNavigationMs: number; domNodes: number };
  }
}

/** Events of a beam-like tree: each node has up to `fanout` children, scored, breadth first. */
export function syntheticEvents(count: number, fanout = 4): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let index = 0; index < count; index++) {
    const id = `n${index}`;
    const parentId = index === 0 ? null : `n${Math.floor((index - 1) / fanout)}`;
    events.push({ type: 'thought-start', id, parentId, role: 'step', label: `Step ${index}` });
    events.push({ type: 'thought-end', id, text: `line ${index}`, answer: String(index % 7), tokens: 12 });
    events.push({ type: 'score', id, verifier: 'steps', value: ((index * 37) % 100) / 100 });
  }
  return events;
}

export function TreeBench({ nodes }: { nodes: number }) {
  const [started] = useState(() => performance.now());
  const [state] = useState(() => traceAt(syntheticEvents(nodes), Number.POSITIVE_INFINITY));
  useEffect(() => {
    // Done when every thought (and the question node) is in the DOM and painted.
    let frame = 0;
    const check = () => {
      const drawn = document.querySelectorAll('[data-testid="tree-node"]').length;
      if (drawn >= nodes + 1) {
        requestAnimationFrame(() => {
          const now = performance.now();
          window.slowthinkBench = { nodes, layoutAndRenderMs: now - started, sinceNavigationMs: now, domNodes: drawn };
        });
        return;
      }
      frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [nodes, started]);
  return (
    <div className="bench">
      <TreeView state={state} question={`${nodes} nodes`} label={`Benchmark tree of ${nodes} nodes`} />
    </div>
  );
}
