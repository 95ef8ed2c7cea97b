import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../spec/index.js';
import { runStrategy } from '../../testing/contracts/run-strategy.js';
import { runStrategyContract } from '../../testing/contracts/strategy-contract.js';
import { createScriptedChainModel, createSlipChainModel } from '../../testing/scripted-chain-model.js';
import { createScriptedModel } from '../../testing/scripted-model.js';
import { getStrategy } from '../index.js';
import { dvts } from './dvts.js';

runStrategyContract({
  strategy: dvts,
  model: () => createScriptedChainModel({ next: (lines) => (lines.length === 0 ? '6*7=42' : ''), answer: () => '42' }),
  question: 'What is 6 * 7?',
  expectedAnswer: '42',
});

/** First call (4 lines): samples 0 and 1 slip (6*7=43), 2 and 3 are right; later lines follow the chain's first line. */
function splitFirstStepModel() {
  return createScriptedChainModel({
    next(lines, index) {
      if (lines.length === 0) return index < 2 ? '6*7=43' : '6*7=42';
      if (lines.length === 1) return lines[0] === '6*7=42' ? '42+1=43' : '43+1=44';
      return '';
    },
    answer: (lines) => lines.at(-1)?.split('=')[1] ?? '0',
  });
}

const searchNodes = (events: readonly TraceEvent[]) =>
  events.filter((event): event is Extract<TraceEvent, { type: 'search-node' }> => event.type === 'search-node');

describe('dvts', () => {
  it('is registered by name', () => {
    expect(getStrategy('dvts')).toBe(dvts);
  });

  it('splits the first n lines into n/M subtrees; each continues only its own best line, M lines a step', async () => {
    const model = splitFirstStepModel();
    const { result } = await runStrategy({ strategy: dvts, model, question: 'What is 6*7+1?', options: { n: 4, beamWidth: 2 } });
    const steps = model.calls.filter((call) => call.stop?.includes('\n'));
    expect(steps[0]?.n).toBe(4);
    expect(steps.slice(1).map((call) => call.n)).toEqual([2, 2, 2, 2]);
    // Subtree 1 drew only slips, so it goes on from its slip: the subtrees never share a beam (beam search would prune it).
    expect(steps.slice(1).map((call) => call.prefix)).toEqual(['6*7=43\n', '6*7=42\n', '6*7=43\n43+1=44\n', '6*7=42\n42+1=43\n']);
    expect(result.details?.subtrees).toBe(2);
    expect(result.details?.finished).toBe(2);
    const [slipped, right] = (result.details?.scores ?? []) as number[];
    expect(right).toBe(1);
    expect(slipped).toBeLessThan(1);
    expect(result.answer).toBe('43');
    expect(result.reasoning).toBe('6*7=42\n42+1=43');
  });

  it('a score-weighted vote picks the answer the verifier trusts over the more frequent one', async () => {
    const model = createScriptedChainModel({
      // Three subtrees of width 1: two slip, one is right.
      next: (lines, index) => (lines.length === 0 ? (index < 2 ? '6*7=43' : '6*7=42') : ''),
      answer: (lines) => lines.at(-1)?.split('=')[1] ?? '0',
    });
    const { result, events } = await runStrategy({
      strategy: dvts,
      model,
      question: 'What is 6*7?',
      options: { n: 3, beamWidth: 1, select: 'vote' },
    });
    expect(result.details?.subtrees).toBe(3);
    expect(result.answer).toBe('42');
    const vote = events.find((event) => event.type === 'vote');
    expect(vote?.type === 'vote' ? vote.tally : {}).toEqual({ '42': 1, '43': 0 });
  });

  it('streams kept and pruned lines with their subtree and the verifier score that ranked them', async () => {
    const { events } = await runStrategy({
      strategy: dvts,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { n: 4, beamWidth: 2 },
    });
    const started = new Set(events.flatMap((event) => (event.type === 'thought-start' && event.role === 'step' ? [event.id] : [])));
    const scores = new Map(events.flatMap((event) => (event.type === 'score' ? [[event.id, event.value] as const] : [])));
    const nodes = searchNodes(events);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(started.has(node.id)).toBe(true);
      expect(node.value).toBe(scores.get(node.id));
      expect([0, 1]).toContain(node.subtree);
    }
    const firstStep = nodes.slice(0, 4);
    expect(firstStep.map((node) => [node.subtree, node.status, node.value])).toEqual([
      [0, 'pruned', 0],
      [0, 'kept', 1],
      [1, 'kept', 1],
      [1, 'pruned', 1],
    ]);
  });

  it('anytime: with two calls it spends one on the first lines and finishes the best one', async () => {
    const { result, totals } = await runStrategy({
      strategy: dvts,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { n: 4, beamWidth: 2 },
      limits: { maxCalls: 2 },
    });
    expect(totals.calls).toBe(2);
    expect(result.answer).toBe('43');
    expect(result.stoppedBy).toBe('calls');
  });

  it('falls back to best-of-n (n samples) with a warning on a model without continuation', async () => {
    const model = createScriptedModel({ responses: ['6*7=42\nAnswer: 42'] });
    const { result } = await runStrategy({ strategy: dvts, model, question: 'What is 6 * 7?', options: { n: 4, beamWidth: 2 } });
    expect(result.answer).toBe('42');
    expect(result.details?.fallback).toBe('best-of-n');
    expect(model.calls.reduce((sum, call) => sum + (call.n ?? 1), 0)).toBe(4);
    const warnings = result.details?.warnings as Array<{ feature?: string; message: string }>;
    expect(warnings.some((warning) => warning.feature === 'continuation' && warning.message.includes('dvts'))).toBe(true);
  });

  it('rejects an unknown selection rule naming the option', async () => {
    const run = runStrategy({ strategy: dvts, model: createSlipChainModel(), question: 'What is 6*7+1?', options: { select: 'max' } });
    await expect(run).rejects.toMatchObject({ code: 'ST_INVALID_ARGUMENT', param: 'options.select' });
  });
});
