import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reason } from '../../engine/reason.js';
import { ERROR_CODES } from '../../errors/index.js';
import type { BudgetLimits, GenerateRequest, ReasonResult } from '../../spec/index.js';
import { billedModel, expectBudgetContract, runContractRequest } from '../../testing/contracts/budget-contract.js';
import { expectWellFormedEvents } from '../../testing/contracts/strategy-contract.js';
import { createScriptedModel, type ScriptedModelOptions } from '../../testing/scripted-model.js';
import { DEFAULT_JUDGE_RUBRIC } from '../../verify/index.js';
import { DEBATE_INTRO } from './debate.js';
import { AGGREGATE_INSTRUCTION } from './roles.js';

/** A model that reads only the question, like the embedded models. */
const silent = (options: ScriptedModelOptions) => createScriptedModel({ ...options, capabilities: { readsConversation: false } });
const seen = (request: GenerateRequest | undefined) => (request?.messages ?? []).map((message) => message.content).join('\n');

function byModel(result: ReasonResult) {
  const rows: Record<string, { calls: number; completionTokens: number; costUsd: number; phases: string[] }> = {};
  for (const entry of result.ledger) {
    const row = rows[entry.model] ?? { calls: 0, completionTokens: 0, costUsd: 0, phases: [] };
    rows[entry.model] = {
      calls: row.calls + 1,
      completionTokens: row.completionTokens + entry.completionTokens,
      costUsd: row.costUsd + entry.costUsd,
      phases: [...new Set([...row.phases, entry.phase])],
    };
  }
  return rows;
}

function labels(result: ReasonResult, role: string): string[] {
  return result.trace.thoughts.filter((thought) => thought.role === role).map((thought) => thought.label);
}

describe('society over member models', () => {
  it('runs one solver per member, each charged on the ledger at its own price', async () => {
    const alpha = createScriptedModel({ id: 'scripted:alpha', usdPerToken: 0.001, responses: ['6*7=42\nAnswer: 42'] });
    const beta = createScriptedModel({ id: 'scripted:beta', usdPerToken: 0.01, responses: ['six sevens make 42\nAnswer: 42'] });
    const result = await reason({
      question: 'What is 6*7?',
      model: alpha,
      strategy: 'society',
      options: { models: [alpha, beta], checker: 'none' },
    });
    expectWellFormedEvents(result.trace.events);
    expect(result.answer).toBe('42');
    expect(alpha.calls).toHaveLength(1);
    expect(beta.calls).toHaveLength(1);
    const rows = byModel(result);
    expect(rows['scripted:alpha']).toEqual({ calls: 1, completionTokens: 3, costUsd: 0.003, phases: ['generate'] });
    expect(rows['scripted:beta']?.completionTokens).toBe(6);
    expect(rows['scripted:beta']?.costUsd).toBeCloseTo(0.06, 12);
    expect(result.costUsd).toBeCloseTo(0.063, 12);
    expect(labels(result, 'agent')).toEqual(['Solver 1 (scripted:alpha) · round 1', 'Solver 2 (scripted:beta) · round 1']);
    expect(result.details?.members).toEqual(['scripted:alpha', 'scripted:beta']);
  });

  it('members that cannot read re-solve when the checker flags their chain, and never see other answers', async () => {
    const mini = silent({ id: 'scripted:mini', responses: ['6*7=41\nAnswer: 41', '6*7=42\nAnswer: 42'] });
    const full = silent({ id: 'scripted:full', responses: ['6*7=42\nAnswer: 42'] });
    const result = await reason({ question: 'What is 6*7?', model: full, strategy: 'society', options: { models: [mini, full] } });
    expect(result.details?.checker).toBe('steps');
    expect(result.answer).toBe('42');
    expect(mini.calls).toHaveLength(2); // flagged (6*7=41), re-solved
    expect(full.calls).toHaveLength(1); // checked right: keeps its answer
    for (const call of [...mini.calls, ...full.calls]) expect(seen(call)).not.toContain(DEBATE_INTRO);
    const answers = result.details?.answers as Array<{ model: string; answer: string; flagged: boolean }>;
    expect(answers).toEqual([
      expect.objectContaining({ model: 'scripted:mini', answer: '41', flagged: true }),
      expect.objectContaining({ model: 'scripted:full', answer: '42', flagged: false }),
      expect.objectContaining({ model: 'scripted:mini', answer: '42', flagged: false }),
    ]);
    expect(labels(result, 'agent').filter((label) => label.startsWith('Checker'))).toEqual([
      'Checker (steps on engine) · round 1',
      'Checker (steps on engine) · round 2',
    ]);
  });

  it('a member whose chain the checker doubts re-solves even when it agrees; earlier answers keep their weighted votes', async () => {
    const mini = silent({
      id: 'scripted:mini',
      respond: (_request, call) => [call === 0 ? '6*7=41\n41+1=43\nAnswer: 42' : call === 1 ? 'Answer: 7' : '6*7=42\nAnswer: 42'],
    });
    const full = silent({ id: 'scripted:full', responses: ['6*7=42\nAnswer: 42'] });
    const result = await reason({
      question: 'What is 6*7?',
      model: full,
      strategy: 'society',
      options: { models: [mini, full], solvers: 3, temperatures: [0.7, 0.7, 1.0], rounds: 1 },
    });
    // Round 1: mini (doubted 42, score 0), full (42, score 1), mini (dissenting 7, unscored 0.5); both mini solvers re-solve.
    const answers = result.details?.answers as Array<{ solver: number; round: number; answer: string }>;
    expect(answers.filter((entry) => entry.round === 1).map((entry) => entry.solver)).toEqual([0, 2]);
    expect(result.answer).toBe('42');
    const vote = result.trace.events.filter((event) => event.type === 'vote').at(-1);
    expect(vote?.type === 'vote' && vote.samples).toBe(5); // 3 current answers and the 2 they replaced
  });

  it('with no chain flagged, a dissenting member re-solves (a disagreement round)', async () => {
    const mini = silent({ id: 'scripted:mini', responses: ['Answer: 42', 'Answer: 41', 'Answer: 42'] });
    const full = silent({ id: 'scripted:full', responses: ['Answer: 42'] });
    const result = await reason({
      question: 'Name the answer.',
      model: full,
      strategy: 'society',
      options: { models: [mini, full], solvers: 3, temperatures: [0.7], checker: 'none' },
    });
    expect(result.answer).toBe('42');
    expect(result.details?.rounds).toBe(2);
    expect(mini.calls.map((call) => call.n)).toEqual([2, 1]); // solvers 1 and 3 share a call; solver 3 (41) re-solves
    expect(full.calls).toHaveLength(1);
  });

  it('chat members debate (Du et al.) beside a member that cannot read', async () => {
    const chat = createScriptedModel({
      id: 'scripted:chat',
      respond: (request) => [seen(request).includes(DEBATE_INTRO) ? 'Agent 2 is right: 42\nAnswer: 42' : 'I think 41\nAnswer: 41'],
    });
    const mini = silent({ id: 'scripted:mini', responses: ['6*7=42\nAnswer: 42'] });
    const result = await reason({
      question: 'What is six times seven?',
      model: chat,
      strategy: 'society',
      options: { models: [chat, mini], checker: 'none', rounds: 2 },
    });
    expect(result.answer).toBe('42');
    expect(seen(chat.calls[1])).toContain('Agent 2: 6*7=42');
    for (const call of mini.calls) expect(seen(call)).not.toContain(DEBATE_INTRO); // it never reads; at most it re-solves
    expect(result.details?.rounds).toBe(2);
  });

  it('mixture-of-agents: proposers on different models, a middle layer, and the chat model that aggregates', async () => {
    const proposal = (answer: string) => (request: GenerateRequest) => [
      seen(request).includes(AGGREGATE_INSTRUCTION) ? `Synthesized: ${answer}\nAnswer: ${answer}` : `Proposal\nAnswer: ${answer}`,
    ];
    const alpha = createScriptedModel({ id: 'scripted:alpha', respond: proposal('41') });
    const mini = silent({ id: 'scripted:mini', responses: ['6*7=42\nAnswer: 42'] });
    const chair = createScriptedModel({
      id: 'scripted:chair',
      usdPerToken: 0.002,
      respond: (request) => [seen(request).includes('Answer: 42') ? 'Response 2 multiplies correctly\nAnswer: 42' : 'Answer: 0'],
    });
    const result = await reason({
      question: 'What is six times seven?',
      model: chair,
      strategy: 'society',
      options: { models: [alpha, mini], mode: 'mixture', rounds: 1, checker: 'none' },
    });
    expect(result.answer).toBe('42');
    expect(alpha.calls).toHaveLength(2); // proposes, then synthesizes layer 1
    expect(seen(alpha.calls[1])).toContain('1. Proposal\nAnswer: 41');
    expect(mini.calls).toHaveLength(1); // carries its proposal through the layer
    expect(chair.calls).toHaveLength(1);
    expect(seen(chair.calls[0])).toContain('Synthesized: 41');
    const rows = byModel(result);
    expect(rows['scripted:chair']?.phases).toEqual(['aggregate']);
    expect(rows['scripted:chair']?.costUsd).toBeCloseTo(0.002 * 6, 12);
    expect(result.details?.aggregator).toBe('scripted:chair');
    expect(labels(result, 'aggregate')).toContain('Aggregator (scripted:chair) reads 2 answers');
  });

  it('a judge member checks, charged in phase verify, and its grades outweigh a wrong majority', async () => {
    const wrong = createScriptedModel({ id: 'scripted:wrong', responses: ['Answer: 41'] });
    const right = createScriptedModel({ id: 'scripted:right', responses: ['Answer: 42'] });
    const judge = createScriptedModel({
      id: 'scripted:judge',
      respond: (request) => {
        const grade = seen(request).includes('EXTRACTED FINAL ANSWER: 42') ? 'Score: 9' : 'Score: 1';
        return Array.from({ length: request.n ?? 1 }, () => (seen(request).includes(DEFAULT_JUDGE_RUBRIC) ? grade : 'Answer: 0'));
      },
    });
    const result = await reason({
      question: 'Name the answer.',
      model: wrong,
      strategy: 'society',
      options: { models: [wrong, judge, right], solvers: 3, mode: 'vote', rounds: 0, checker: 'judge', checkerModel: 'scripted:judge' },
    });
    expect(result.answer).toBe('42');
    expect(result.details?.checkerModel).toBe('scripted:judge');
    const rows = byModel(result);
    expect(rows['scripted:judge']?.phases).toEqual(['generate', 'verify']);
    expect(result.ledger.filter((entry) => entry.phase === 'verify')).toHaveLength(3);
  });

  it('refuses bad member lists and a dollar limit with an unpriced member', async () => {
    const priced = createScriptedModel({ id: 'scripted:priced', usdPerToken: 0.001 });
    const free = createScriptedModel({ id: 'remote:unpriced' }); // no price of its own, none in the table
    const ask = (options: Record<string, unknown>, budget?: BudgetLimits) =>
      reason({ question: 'Name it.', model: priced, strategy: 'society', options, ...(budget ? { budget } : {}) });
    await expect(ask({ models: [] })).rejects.toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT, param: 'options.models' });
    await expect(ask({ models: [3] })).rejects.toMatchObject({ code: ERROR_CODES.INVALID_ARGUMENT, param: 'options.models' });
    await expect(ask({ models: 'nobody:x' })).rejects.toMatchObject({ code: ERROR_CODES.UNKNOWN_MODEL });
    await expect(ask({ models: [priced, free] }, { maxUsd: 1 })).rejects.toMatchObject({
      code: ERROR_CODES.INVALID_ARGUMENT,
      param: 'budget.maxUsd',
    });
    await expect(ask({ models: [priced], checker: 'learned' })).rejects.toMatchObject({ param: 'options.checker' });
    await expect(ask({ models: [priced], checkerModel: 'scripted:other' })).rejects.toMatchObject({ param: 'options.checkerModel' });
  });
});

describe('society over member models: the budget contract', () => {
  const limits = fc.oneof(
    fc.record({ maxTokens: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ maxCalls: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ maxUsd: fc.double({ min: 0.001, max: 0.2, noNaN: true }) }),
  );
  it('holds every limit with heterogeneous priced members in every mode; the ledger equals the members own bills', async () => {
    await fc.assert(
      fc.asyncProperty(limits, fc.constantFrom('debate', 'vote', 'mixture'), async (budget, mode) => {
        const chat = billedModel(
          createScriptedModel({
            id: 'scripted:chat',
            usdPerToken: 0.02,
            usdPerPromptToken: 0.0001,
            responses: ['one two 6*7=41\nAnswer: 41'],
          }),
        );
        const mini = billedModel(silent({ id: 'scripted:mini', usdPerToken: 0.0005, responses: ['6*7=42\nAnswer: 42', 'Answer: 40'] }));
        const chair = billedModel(createScriptedModel({ id: 'scripted:chair', usdPerToken: 0.005, responses: ['so 42\nAnswer: 42'] }));
        const outcome = await runContractRequest({
          question: 'What is 6*7?',
          model: chair.model,
          strategy: 'society',
          budget,
          options: { models: [chat.model, mini.model], mode, solvers: 3, rounds: 2 },
        });
        const bills = [chat.bill, mini.bill, chair.bill];
        const bill = {
          calls: bills.reduce((sum, each) => sum + each.calls, 0),
          promptTokens: bills.reduce((sum, each) => sum + each.promptTokens, 0),
          completionTokens: bills.reduce((sum, each) => sum + each.completionTokens, 0),
          costUsd: bills.reduce((sum, each) => sum + each.costUsd, 0),
        };
        expectBudgetContract(outcome, { strategy: 'society', limits: budget, bill, graceSeconds: 0.5 });
        for (const [id, each] of [
          ['scripted:chat', chat.bill],
          ['scripted:mini', mini.bill],
          ['scripted:chair', chair.bill],
        ] as const) {
          const ledger = outcome.result?.ledger ?? [];
          expect(ledger.filter((entry) => entry.model === id).reduce((sum, entry) => sum + entry.completionTokens, 0)).toBe(
            outcome.result ? each.completionTokens : 0,
          );
        }
      }),
      { numRuns: 60, seed: 14 },
    );
  });
});
