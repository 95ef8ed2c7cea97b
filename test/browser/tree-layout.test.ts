/** The web app's pure parts, in Node: the reducer that replays events and the layout that marks pruned branches. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/spec/index.js';
import { traceAt } from '../../web/src/trace-state.js';
import { layoutTree } from '../../web/src/tree-layout.js';

const step = (id: string, parentId: string | null, score: number): TraceEvent[] => [
  { type: 'thought-start', id, parentId, role: 'step', label: id },
  { type: 'thought-delta', id, delta: `${id} ` },
  { type: 'thought-end', id, text: `${id} line` },
  { type: 'score', id, verifier: 'steps', value: score },
];

// A beam of width 1 over two candidates per depth: a goes on, b is dropped; then a1 goes on, a2 is dropped.
const beam: TraceEvent[] = [...step('a', null, 0.9), ...step('b', null, 0.2), ...step('a1', 'a', 0.8), ...step('a2', 'a', 0.1)];

describe('the tree the web app draws', () => {
  it('marks a finished step whose sibling went on as pruned, and nothing else', () => {
    const { nodes, edges } = layoutTree(traceAt(beam, beam.length), 'Q');
    const pruned = nodes.filter((node) => node.data.pruned).map((node) => node.id);
    expect(pruned).toEqual(['b']);
    expect(edges.map((edge) => `${edge.source}->${edge.target}`).sort()).toEqual(
      ['__question__->a', '__question__->b', 'a->a1', 'a->a2'].sort(),
    );
    expect(nodes.find((node) => node.id === 'b')?.ariaLabel).toBe('b, pruned, score 0.20');
  });

  it('draws what the search reported over the guess: a kept finished chain is not pruned, a pruned line is; MCTS visits kept', () => {
    // b ended its thinking and was kept (a DVTS subtree's answer), a2 lost to a1: the guess alone would mark b, not a2.
    const reported: TraceEvent[] = [
      ...beam,
      { type: 'search-node', id: 'a', status: 'kept', value: 0.9, subtree: 0 },
      { type: 'search-node', id: 'b', status: 'kept', value: 0.2, subtree: 1 },
      { type: 'search-node', id: 'a1', status: 'kept', value: 0.8, subtree: 0 },
      { type: 'search-node', id: 'a2', status: 'pruned', value: 0.1, subtree: 0 },
      { type: 'search-node', id: 'a1', status: 'visited', value: 0.75, visits: 4 },
    ];
    const state = traceAt(reported, reported.length);
    const pruned = layoutTree(state, 'Q')
      .nodes.filter((node) => node.data.pruned)
      .map((node) => node.id);
    expect(pruned).toEqual(['a2']);
    expect(state.thoughts.get('a1')?.search).toEqual({ status: 'visited', value: 0.75, visits: 4 });
    expect(state.thoughts.get('b')?.search?.subtree).toBe(1);
  });

  it('replays: the state after k events is the state the live run had after k events', () => {
    const early = traceAt(beam, 6);
    expect([...early.thoughts.keys()]).toEqual(['a', 'b']);
    expect(early.thoughts.get('b')?.done).toBe(false);
    expect(layoutTree(early, 'Q').nodes.some((node) => node.data.pruned)).toBe(false); // b is still running
    const full = traceAt(beam, beam.length);
    expect(full.thoughts.get('a2')?.score).toBe(0.1);
    expect(full.events).toBe(beam.length);
  });

  it('lays out siblings apart and children below their parent', () => {
    const { nodes } = layoutTree(traceAt(beam, beam.length), 'Q');
    const at = (id: string) => nodes.find((node) => node.id === id)?.position ?? { x: Number.NaN, y: Number.NaN };
    expect(at('a').y).toBeGreaterThan(at('__question__').y);
    expect(at('a1').y).toBeGreaterThan(at('a').y);
    expect(Math.abs(at('a').x - at('b').x)).toBeGreaterThanOrEqual(180);
  });
});
