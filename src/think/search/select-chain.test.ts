import { describe, expect, it } from 'vitest';
import type { StrategyContext, TraceEvent } from '../../spec/index.js';
import type { Candidate } from '../candidate.js';
import { bestScored, selectChain } from './select-chain.js';

function chain(index: number, answer: string | undefined, score: number): Candidate {
  return {
    thoughtId: `t${index}`,
    index,
    text: '',
    reasoning: '',
    answer,
    key: answer,
    tokens: 1,
    finishReason: 'stop',
    confidence: undefined,
    score,
  };
}

describe('selectChain', () => {
  const chains = [chain(0, '7', 0.9), chain(1, '8', 0.6), chain(2, '8', 0.6), chain(3, undefined, 1)];
  const events: TraceEvent[] = [];
  const context = { emit: (event: TraceEvent) => events.push(event) } as unknown as StrategyContext;

  it('best picks the highest-scored chain with an answer', () => {
    expect(selectChain(context, chains, 'best').winner?.answer).toBe('7');
  });

  it('vote sums scores per answer, so two 0.6 chains beat one 0.9 chain', () => {
    const { winner, tally } = selectChain(context, chains, 'vote');
    expect(winner?.answer).toBe('8');
    expect(tally).toEqual({ '8': 1.2, '7': 0.9 });
    const vote = events.at(-1);
    expect(vote?.type === 'vote' && vote.leader).toBe('8');
  });

  it('bestScored breaks score ties by the more common answer, then the earlier chain', () => {
    expect(bestScored([chain(0, '1', 0.5), chain(1, '2', 0.5), chain(2, '2', 0.5)])?.index).toBe(1);
    expect(bestScored([chain(0, '1', 0.5), chain(1, '2', 0.5)])?.index).toBe(0);
  });
});
