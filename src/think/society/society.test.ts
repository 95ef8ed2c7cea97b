import { describe, expect, it } from 'vitest';
import { runStrategy } from '../../testing/contracts/run-strategy.js';
import { runStrategyContract } from '../../testing/contracts/strategy-contract.js';
import { createScriptedModel } from '../../testing/scripted-model.js';
import { createVerifier } from '../../verify/index.js';
import { DEBATE_INTRO } from './debate.js';
import { society } from './society.js';

runStrategyContract({
  strategy: society,
  model: () => createScriptedModel({ responses: ['First I multiply six by seven and check the product twice\nAnswer: 42'] }),
  question: 'What is 6 * 7?',
  expectedAnswer: '42',
  options: { solvers: 2, rounds: 1 },
});

describe('society, debate mode', () => {
  it('solvers read each other, revise, and stop once unanimous', async () => {
    const model = createScriptedModel({
      respond: (request) => {
        const last = request.messages.at(-1)?.content ?? '';
        if (last.startsWith(DEBATE_INTRO)) return ['6*7 is 42 after all\nAnswer: 42'];
        return Array.from({ length: request.n ?? 1 }, () =>
          request.temperature === 0.7 ? '6*7 is 41\nAnswer: 41' : '6*7 is 42\nAnswer: 42',
        );
      },
    });
    const { result, events } = await runStrategy({
      strategy: society,
      model,
      question: 'What is six times seven?',
      options: { solvers: 3, rounds: 3 },
    });
    expect(result.details?.mode).toBe('debate');
    expect(result.answer).toBe('42');
    expect(result.details?.rounds).toBe(2);
    expect(model.calls).toHaveLength(6); // 3 solvers, then 3 debate turns; unanimity ends it
    const debateTurn = model.calls[3]?.messages.at(-1)?.content ?? '';
    expect(debateTurn).toContain('Agent 2: 6*7 is 42');
    expect(debateTurn).not.toContain('Agent 1:');
    const votes = events.filter((event) => event.type === 'vote');
    expect(votes[0]?.type === 'vote' && votes[0].tally).toEqual({ '42': 2, '41': 1 });
    expect(votes.at(-1)?.type === 'vote' && votes.at(-1)).toMatchObject({ tally: { '42': 3 }, confidence: 1 });
    const agents = events.filter((event) => event.type === 'thought-start' && event.role === 'agent');
    expect(agents).toHaveLength(6); // six solver turns (no checker here)
    const notes = events.filter((event) => event.type === 'thought-start' && event.role === 'aggregate');
    expect(notes).toHaveLength(2); // the aggregator's vote after each round
  });
});

describe('society, vote mode', () => {
  const wrongMajority = () => createScriptedModel({ responses: ['Answer: 41', 'Answer: 41', 'Answer: 42'] });

  it('weights the vote by the checker, so a checked minority answer beats an unchecked majority', async () => {
    const { result } = await runStrategy({
      strategy: society,
      model: wrongMajority(),
      question: 'What is 6*7?',
      verifier: createVerifier('task'),
      options: { mode: 'vote', temperatures: [0.7] },
    });
    expect(result.answer).toBe('42');
    expect(result.details?.share).toBe(1);
    expect(result.details?.checker).toBe('task');
  });

  it('without a deciding checker the plain majority wins', async () => {
    const { result } = await runStrategy({
      strategy: society,
      model: wrongMajority(),
      question: 'What is 6*7?',
      options: { mode: 'vote', temperatures: [0.7], rounds: 0 },
    });
    expect(result.answer).toBe('41');
  });

  it('re-solves a disputed vote with more solvers', async () => {
    const model = createScriptedModel({ responses: ['Answer: 41', 'Answer: 42', 'Answer: 43', 'Answer: 42', 'Answer: 42', 'Answer: 42'] });
    const { result } = await runStrategy({
      strategy: society,
      model,
      question: 'Name a number.',
      options: { mode: 'vote', temperatures: [0.7], rounds: 1, consensus: 0.6 },
    });
    expect(result.details?.rounds).toBe(2);
    expect(result.samples).toBe(6);
    expect(result.answer).toBe('42');
  });
});
