import { describe, expect, it } from 'vitest';
import { runStrategy } from '../../testing/contracts/run-strategy.js';
import { runStrategyContract } from '../../testing/contracts/strategy-contract.js';
import { createScriptedChainModel, createSlipChainModel } from '../../testing/scripted-chain-model.js';
import { createScriptedModel } from '../../testing/scripted-model.js';
import { beam, keepBest } from './beam.js';

runStrategyContract({
  strategy: beam,
  model: () => createScriptedChainModel({ next: (lines) => (lines.length === 0 ? '6*7=42' : ''), answer: () => '42' }),
  question: 'What is 6 * 7?',
  expectedAnswer: '42',
});

describe('beam', () => {
  it('keeps the best-scored partial chain, so the slip is pruned and the right answer wins', async () => {
    const model = createSlipChainModel();
    const { result, events } = await runStrategy({
      strategy: beam,
      model,
      question: 'What is 6*7+1?',
      options: { beamWidth: 1, branch: 2 },
    });
    expect(result.answer).toBe('43');
    expect(result.reasoning).toBe('6*7=42\n42+1=43');
    const scores = events.filter((event) => event.type === 'score').map((event) => (event.type === 'score' ? event.value : -1));
    expect(scores.slice(0, 2)).toEqual([0, 1]);
    // The slipped chain was never continued: every step call after the first continues the right line.
    const prefixes = model.calls.map((call) => call.prefix);
    expect(prefixes.filter((prefix) => prefix?.startsWith('6*7=43'))).toEqual([]);
    expect(result.details?.verifier).toBe('steps');
  });

  it('without a process verifier it cannot tell the chains apart and keeps the first (the slip)', async () => {
    const { result } = await runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { beamWidth: 1, branch: 2, processVerifier: 'none' },
    });
    expect(result.answer).toBe('44');
  });

  it('emits a step thought per line, parented to the line it continues', async () => {
    const { events } = await runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { beamWidth: 2, branch: 2 },
    });
    const steps = events.filter((event) => event.type === 'thought-start' && event.role === 'step');
    expect(steps.length).toBeGreaterThanOrEqual(4);
    const roots = steps.filter((event) => event.type === 'thought-start' && event.parentId === null);
    expect(roots).toHaveLength(4); // beamWidth × branch lines from the empty chain
  });

  it('keepBest drops duplicate chains and keeps the higher scores in order', () => {
    const chain = (line: string, score: number) => ({ state: { lines: [line], thoughtId: line, tokens: 1, final: false }, score });
    const kept = keepBest([chain('a', 0.5), chain('b', 0.9), chain('a', 0.5), chain('c', 0.7)], 2);
    expect(kept.map((entry) => entry.state.lines[0])).toEqual(['b', 'c']);
  });

  it('falls back to best-of-n with a warning on a model without continuation', async () => {
    const model = createScriptedModel({ responses: ['6*7=42\nAnswer: 42'] });
    const { result } = await runStrategy({ strategy: beam, model, question: 'What is 6 * 7?', options: { beamWidth: 2, branch: 2 } });
    expect(result.answer).toBe('42');
    expect(result.details?.fallback).toBe('best-of-n');
    expect(model.calls.every((call) => call.prefix === undefined)).toBe(true);
  });
  it('anytime: keeps budget to finish its best partial chain (two calls: one step, then the answer)', async () => {
    const { result, totals } = await runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      limits: { maxCalls: 2 },
    });
    expect(totals.calls).toBe(2);
    expect(result.answer).toBe('43');
    expect(result.reasoning).toBe('6*7=42\n42+1=43');
    expect(result.stoppedBy).toBe('calls');
  });
  it('rejects an unknown process verifier with the valid names', async () => {
    const run = runStrategy({
      strategy: beam,
      model: createSlipChainModel(),
      question: 'What is 6*7+1?',
      options: { processVerifier: 'judge' },
    });
    await expect(run).rejects.toMatchObject({ code: 'ST_INVALID_ARGUMENT', param: 'options.processVerifier' });
  });
});
