/** The engine, not the strategy, resolves the process verifier for partial chains (issue #17). */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Problem } from '../spec/index.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { createVerifier } from '../verify/index.js';
import { resolveProcessVerifier } from './process-verifier.js';

const model = createScriptedModel({ responses: ['A: 1'] });
const arithmetic: Problem = { question: 'What is 48+77?', messages: [{ role: 'user', content: 'What is 48+77?' }], task: 'arithmetic' };
const prose: Problem = { question: 'Name a colour.', messages: [{ role: 'user', content: 'Name a colour.' }] };

describe('resolveProcessVerifier', () => {
  it('auto picks the exact step checker only where the task is known', () => {
    expect(resolveProcessVerifier(arithmetic, { verifier: undefined, options: {}, model })?.name).toBe('steps');
    expect(resolveProcessVerifier(prose, { verifier: undefined, options: {}, model })).toBeUndefined();
  });

  it('follows the option: steps, none, and learned-steps only on a model with a learned check role', () => {
    const pick = (processVerifier: string) => resolveProcessVerifier(prose, { verifier: undefined, options: { processVerifier }, model });
    expect(pick('steps')?.name).toBe('steps');
    expect(() => pick('learned-steps')).toThrow(/checkStep/);
    expect(pick('none')).toBeUndefined();
  });

  it("keeps the request's own process verifier under auto, lets a named choice win, and ignores an outcome one", () => {
    const process = createVerifier('steps');
    expect(resolveProcessVerifier(prose, { verifier: process, options: {}, model })).toBe(process);
    expect(resolveProcessVerifier(prose, { verifier: process, options: { processVerifier: 'auto' }, model })).toBe(process);
    // Arithmetic's default verifier is `steps`, a process verifier: a named option must still choose (it was ignored).
    expect(resolveProcessVerifier(arithmetic, { verifier: process, options: { processVerifier: 'none' }, model })).toBeUndefined();
    expect(() => resolveProcessVerifier(arithmetic, { verifier: process, options: { processVerifier: 'learned-steps' }, model })).toThrow(
      /checkStep/,
    );
    const outcome = createVerifier('task');
    expect(resolveProcessVerifier(arithmetic, { verifier: outcome, options: {}, model })?.name).toBe('steps');
  });

  it('rejects an unknown name with INVALID_ARGUMENT naming the option', () => {
    try {
      resolveProcessVerifier(arithmetic, { verifier: undefined, options: { processVerifier: 'judge' }, model });
      expect.unreachable('an unknown process verifier must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(SlowthinkError);
      expect((error as SlowthinkError).code).toBe(ERROR_CODES.INVALID_ARGUMENT);
      expect((error as SlowthinkError).param).toBe('options.processVerifier');
    }
  });
});
