import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../spec/index.js';
import { runStrategy } from '../../testing/contracts/run-strategy.js';
import { createSlipChainModel } from '../../testing/scripted-chain-model.js';
import { beam } from './beam.js';
import { mcts } from './mcts.js';

type SearchNodeEvent = Extract<TraceEvent, { type: 'search-node' }>;

const searchNodes = (events: readonly TraceEvent[]) => events.filter((event): event is SearchNodeEvent => event.type === 'search-node');
const stepLines = (events: readonly TraceEvent[]) =>
  new Map(events.flatMap((event) => (event.type === 'thought-end' ? [[event.id, event.text] as const] : [])));

describe('search events', () => {
  it('beam streams each step line as kept or pruned with the verifier score that ranked it', async () => {
    const { events } = await runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { beamWidth: 1, branch: 2 },
    });
    const lines = stepLines(events);
    const nodes = searchNodes(events);
    const first = nodes.slice(0, 2).map((node) => [lines.get(node.id), node.status, node.value]);
    expect(first).toEqual(
      expect.arrayContaining([
        ['6*7=43', 'pruned', 0],
        ['6*7=42', 'kept', 1],
      ]),
    );
    // Every node event follows the score event of the same thought with the same value.
    for (const node of nodes) {
      const at = events.indexOf(node);
      const score = events.slice(0, at).findLast((event) => event.type === 'score' && event.id === node.id);
      expect(score?.type === 'score' ? score.value : undefined).toBe(node.value);
    }
    // A pruned line is never continued: no step thought has a pruned node as parent.
    const pruned = new Set(nodes.filter((node) => node.status === 'pruned').map((node) => node.id));
    const parents = events.flatMap((event) => (event.type === 'thought-start' && event.parentId !== null ? [event.parentId] : []));
    expect(parents.filter((parent) => pruned.has(parent))).toEqual([]);
  });

  it('beam reports every line it drew exactly once, duplicates of a kept line as pruned', async () => {
    const { events } = await runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { beamWidth: 2, branch: 2 },
    });
    const steps = events.flatMap((event) => (event.type === 'thought-start' && event.role === 'step' ? [event.id] : []));
    const reported = searchNodes(events).map((node) => node.id);
    expect([...reported].sort()).toEqual([...steps].sort());
    const lines = stepLines(events);
    const kept = searchNodes(events).filter((node) => node.status === 'kept');
    // The first step drew 6*7=42 three times: one copy kept, the others pruned as duplicates.
    const firstKept = kept.filter((node) => lines.get(node.id) === '6*7=42');
    expect(firstKept).toHaveLength(1);
  });

  it('mcts streams visits and mean values after each backpropagation; the last ones match the tree it reports', async () => {
    const { result, events } = await runStrategy({
      strategy: mcts,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { iterations: 8, stopOnSolved: false, reward: 'process' },
    });
    const nodes = searchNodes(events);
    expect(nodes.every((node) => node.status === 'visited' && node.visits !== undefined && node.visits >= 1)).toBe(true);
    const last = new Map(nodes.map((node) => [node.id, node] as const));
    const lines = stepLines(events);
    const children = result.details?.children as Array<{ line: string; visits: number; mean: number }>;
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      const id = [...lines].find(([thought, text]) => text === child.line && last.has(thought))?.[0];
      const node = id === undefined ? undefined : last.get(id);
      expect(node?.visits).toBe(child.visits);
      expect(node?.value).toBeCloseTo(child.mean, 9);
    }
    // One visited event per backpropagated node: the visits of the first-level nodes sum to the iterations.
    const rootChildren = new Set(
      events.flatMap((event) => (event.type === 'thought-start' && event.role === 'step' && event.parentId === null ? [event.id] : [])),
    );
    const total = [...last.values()].filter((node) => rootChildren.has(node.id)).reduce((sum, node) => sum + (node.visits ?? 0), 0);
    expect(total).toBe(result.details?.iterations);
  });
});
