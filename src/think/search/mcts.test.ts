import { describe, expect, it } from 'vitest';
import { runStrategy } from '../../testing/contracts/run-strategy.js';
import { runStrategyContract } from '../../testing/contracts/strategy-contract.js';
import { createScriptedChainModel, createSlipChainModel } from '../../testing/scripted-chain-model.js';
import { createVerifier } from '../../verify/index.js';
import { mcts } from './mcts.js';
import { addChild, backpropagate, createRoot, mostVisitedPath, select, uct } from './mcts-tree.js';

runStrategyContract({
  strategy: mcts,
  model: () => createScriptedChainModel({ next: (lines) => (lines.length === 0 ? '6*7=42' : ''), answer: () => '42' }),
  question: 'What is 6 * 7?',
  expectedAnswer: '42',
  options: { iterations: 4 },
});

describe('mcts phases', () => {
  it('select takes an unvisited child first, then the highest UCT', () => {
    const root = createRoot();
    const a = addChild(root, 'a', { thoughtId: 'a', final: false, tokens: 1 });
    const b = addChild(root, 'b', { thoughtId: 'b', final: false, tokens: 1 });
    root.expanded = true;
    expect(select(root, 1)).toBe(a);
    backpropagate(a, 1);
    expect(select(root, 1)).toBe(b);
    backpropagate(b, 0);
    // Both visited once: a's mean 1 beats b's mean 0 at the same exploration bonus.
    expect(uct(a, root.visits, 1)).toBeGreaterThan(uct(b, root.visits, 1));
    expect(select(root, 1)).toBe(a);
    // With a huge exploration constant and more visits on a, b (less visited) wins.
    backpropagate(a, 1);
    backpropagate(a, 1);
    expect(select(root, 100)).toBe(b);
  });

  it('backpropagate adds one visit and the reward to the node and all its ancestors', () => {
    const root = createRoot();
    const child = addChild(root, 'x', { thoughtId: 'x', final: false, tokens: 2 });
    const grandchild = addChild(child, 'y', { thoughtId: 'y', final: true, tokens: 3 });
    backpropagate(grandchild, 0.75);
    backpropagate(child, 0.25);
    expect([root.visits, child.visits, grandchild.visits]).toEqual([2, 2, 1]);
    expect([root.value, child.value, grandchild.value]).toEqual([1, 1, 0.75]);
    expect(grandchild.lines).toEqual(['x', 'y']);
    expect(grandchild.tokens).toBe(5);
    expect(mostVisitedPath(root).map((node) => node.line)).toEqual(['x', 'y']);
    expect(addChild(root, 'x', { thoughtId: 'other', final: false, tokens: 1 })).toBe(child);
  });
});

describe('mcts', () => {
  it('spends its visits on the right branch of a tiny tree, backpropagating exact rewards', async () => {
    const { result } = await runStrategy({
      strategy: mcts,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      verifier: createVerifier('task'),
      options: { iterations: 8, width: 2, stopOnSolved: false },
    });
    expect(result.answer).toBe('43');
    const children = result.details?.children as Array<{ line: string; visits: number; value: number }>;
    const good = children.find((child) => child.line === '6*7=42');
    const bad = children.find((child) => child.line === '6*7=43');
    expect(result.details?.rootVisits).toBe(8);
    expect((good?.visits ?? 0) + (bad?.visits ?? 0)).toBe(8);
    expect(good?.visits).toBeGreaterThan(bad?.visits ?? 0);
    expect(good?.value).toBe(good?.visits);
    expect(bad?.value).toBe(0);
  });

  it('stops at the first exactly verified rollout', async () => {
    const model = createSlipChainModel();
    const { result } = await runStrategy({ strategy: mcts, model, question: 'What is 6*7+1?', verifier: createVerifier('task') });
    expect(result.details?.solved).toBe(true);
    expect(result.details?.iterations).toBe(2);
    expect(result.answer).toBe('43');
  });

  it('without any verifier rewards agreement and answers with the majority', async () => {
    let rollout = 0;
    const model = createScriptedChainModel({
      next: (lines, index) => (lines.length < 3 ? `step ${lines.length} option ${index}` : ''),
      answer: () => (rollout++ % 3 === 0 ? '41' : '42'),
    });
    const { result } = await runStrategy({
      strategy: mcts,
      model,
      question: 'Name a number.',
      options: { iterations: 6, processVerifier: 'none' },
    });
    expect(result.details?.reward).toBe('vote');
    expect(rollout).toBe(6);
    expect(result.answer).toBe('42');
  });
  it('anytime: with a single call left it rolls out from the root instead of expanding, so it still answers', async () => {
    const { result, totals } = await runStrategy({
      strategy: mcts,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      limits: { maxCalls: 1 },
    });
    expect(totals.calls).toBe(1);
    expect(result.answer).toBe('44');
    expect(result.stoppedBy).toBe('calls');
  });
  it('widens the tree when selection only finds finished chains: a later root expansion brings the right line', async () => {
    let rootExpansions = 0;
    const model = createScriptedChainModel({
      next(lines, _index, request) {
        if (lines.length > 0) return '';
        if (request.stop?.includes('\n')) rootExpansions += 1;
        return rootExpansions <= 1 ? '6*7=41' : '6*7=42';
      },
      answer: (lines) => lines.at(-1)?.split('=')[1] ?? '0',
    });
    const { result } = await runStrategy({
      strategy: mcts,
      model,
      question: 'What is 6*7?',
      verifier: createVerifier('task'),
      options: { iterations: 6 },
    });
    const children = result.details?.children as Array<{ line: string }>;
    expect(children.map((child) => child.line)).toEqual(['6*7=41', '6*7=42']);
    expect(result.answer).toBe('42');
    expect(result.details?.solved).toBe(true);
  });
});
