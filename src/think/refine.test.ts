import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { runStrategyContract } from '../testing/contracts/strategy-contract.js';
import { createScriptedChainModel } from '../testing/scripted-chain-model.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { createVerifier } from '../verify/index.js';
import { REVISE_REQUEST, refine, rethinkPrefix } from './refine.js';

const CUE = 'Wait, let me check.';

runStrategyContract({
  strategy: refine,
  model: () => createScriptedModel({ responses: ['First I multiply six by seven and check the product twice\nAnswer: 42'] }),
  question: 'What is 6 * 7?',
  expectedAnswer: '42',
  options: { rounds: 1 },
});

/** Thinks 6*7=43 (a slip); after the cue it takes the slip back and redoes the step, like the embedded model's training traces. */
function slipThenFixModel() {
  const model = createScriptedChainModel({
    next(lines) {
      const cueAt = lines.indexOf(CUE);
      if (cueAt < 0) return lines.length === 0 ? '6*7=43' : lines.length === 1 ? '43+1=44' : '';
      const after = lines.slice(cueAt + 1);
      const fixes = ['6*7=43 wrong', '6*7=42', '42+1=43'];
      return fixes[after.length] ?? '';
    },
    answer: (lines) => lines.at(-1)?.split('=')[1] ?? '0',
    capabilities: { continueThinkingCue: CUE },
  });
  return Object.assign(model, { provider: 'embedded' });
}

describe('refine, recheck mode (the embedded model)', () => {
  it('re-thinks from the first wrong line with the cue and fixes the draft', async () => {
    const model = slipThenFixModel();
    const { result, events } = await runStrategy({ strategy: refine, model, question: 'What is 6*7+1?' });
    expect(result.details?.mode).toBe('recheck');
    expect(result.answer).toBe('43');
    expect(result.details?.answers).toEqual(['44', '43']);
    expect(model.calls[1]?.prefix).toBe(`6*7=43\n${CUE}\n`);
    expect(result.reasoning.split('\n')).toContain('6*7=43 wrong');
    expect(events.some((event) => event.type === 'thought-start' && event.role === 'critique')).toBe(true);
    expect(events.some((event) => event.type === 'thought-start' && event.role === 'refinement')).toBe(true);
  });

  it('accepts a right draft without another call', async () => {
    const model = Object.assign(createScriptedChainModel({ next: (lines) => (lines.length === 0 ? '6*7=42' : ''), answer: () => '42' }), {
      provider: 'embedded',
    });
    const { result } = await runStrategy({ strategy: refine, model, question: 'What is 6*7?' });
    expect(result.answer).toBe('42');
    expect(model.calls).toHaveLength(1);
    expect(result.details?.accepted).toBe(true);
  });

  it('builds re-think prefixes by cue or by truncation', () => {
    expect(rethinkPrefix(['a=1', 'b=2', 'c=3'], 1, CUE, 'cue')).toBe(`a=1\nb=2\n${CUE}\n`);
    expect(rethinkPrefix(['a=1', 'b=2', 'c=3'], 1, CUE, 'truncate')).toBe('a=1\n');
    expect(rethinkPrefix(['a=1'], undefined, CUE, 'cue')).toBe(`a=1\n${CUE}\n`);
  });
});

describe('refine, critique mode (chat models)', () => {
  it('revises a wrong draft the verifier flags, feeding back its verdict, and stops once accepted', async () => {
    const model = createScriptedModel({
      respond: (request) => {
        const last = request.messages.at(-1)?.content ?? '';
        return [last.startsWith(REVISE_REQUEST) ? '6*7 is 42\nAnswer: 42' : '6*7 is 41\nAnswer: 41'];
      },
    });
    const { result } = await runStrategy({ strategy: refine, model, question: 'What is 6*7?', verifier: createVerifier('task') });
    expect(result.answer).toBe('42');
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1]?.messages.at(-1)?.content).toContain('checker rejects');
    expect(result.details?.accepted).toBe(true);
  });

  it('without a verifier asks the model to critique and stops on VERDICT: CORRECT', async () => {
    const model = createScriptedModel({
      respond: (request) => [request.messages.at(-1)?.content.includes('VERDICT') ? 'All good.\nVERDICT: CORRECT' : 'Answer: 42'],
    });
    const { result, events } = await runStrategy({ strategy: refine, model, question: 'Name the answer to everything.' });
    expect(result.answer).toBe('42');
    expect(model.calls).toHaveLength(2);
    expect(result.details?.accepted).toBe(true);
    expect(events.filter((event) => event.type === 'thought-start' && event.role === 'critique')).toHaveLength(1);
  });

  it('keeps revising until the rounds are spent when the critique keeps finding a mistake', async () => {
    const model = createScriptedModel({
      // Critique requests get a verdict; drafts and revisions (whose feedback quotes the verdict) an answer.
      respond: (request) => [request.messages.at(-1)?.content.startsWith('Review') ? 'Step 2 is off.\nVERDICT: WRONG' : 'Answer: 7'],
    });
    const { result } = await runStrategy({ strategy: refine, model, question: 'Name a number.', options: { rounds: 2 } });
    expect(result.details?.revisions).toBe(2);
    expect(result.details?.accepted).toBe(false);
    expect(model.calls).toHaveLength(5); // draft, critique, revision, critique, revision
  });
  it('keeps the draft when the model cannot hold the critique conversation in its context', async () => {
    const model = createScriptedModel({
      respond: (request) => {
        if (request.messages.length > 2)
          throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'The prompt is too long', { param: 'messages' });
        return ['Answer: 42'];
      },
    });
    const { result, events } = await runStrategy({ strategy: refine, model, question: 'Name the answer to everything.' });
    expect(result.answer).toBe('42');
    expect(result.details?.accepted).toBe(false);
    expect(events.filter((event) => event.type === 'thought-start').length).toBe(
      events.filter((event) => event.type === 'thought-end').length,
    );
  });
});
