/** The learned verifiers where users meet them: reason() with best-of-n ranked by `orm` and beam search valued by `prm`. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reason } from '../engine/index.js';
import { embeddedModelPath } from '../models/embedded.js';
import { createVerifier } from './create-verifier.js';
import { learnedVerifierPath } from './learned-verifier.js';

const ready = existsSync(learnedVerifierPath()) && existsSync(embeddedModelPath('mini'));

describe.skipIf(!ready)('learned verifiers through reason()', () => {
  it('best-of-n answers with the chain the ORM scores highest', async () => {
    const result = await reason({
      question: 'What is 347*8+4?',
      model: 'slowthink-mini',
      strategy: 'best-of-n',
      options: { n: 4 },
      verifier: createVerifier('orm'),
      seed: 3,
    });
    const scores = result.trace.events.flatMap((event) => (event.type === 'score' && event.verifier === 'orm' ? [event] : []));
    expect(scores).toHaveLength(4);
    for (const score of scores) expect(score.value).toBeGreaterThanOrEqual(0);
    // The answer comes from a chain with the top ORM score.
    const top = Math.max(...scores.map((score) => score.value));
    const best = scores.filter((score) => score.value === top).map((score) => score.id);
    const chosen = result.trace.thoughts.filter((thought) => best.includes(thought.id)).map((thought) => thought.answer);
    expect(result.answer).toBeDefined();
    expect(chosen).toContain(result.answer);
  }, 60_000);

  it('beam search values its partial chains with prm: as the request verifier, or by option where no process verifier is set', async () => {
    const verifiersOf = (result: Awaited<ReturnType<typeof reason>>) =>
      new Set(result.trace.events.flatMap((event) => (event.type === 'score' ? [event.verifier] : [])));
    const options = { beamWidth: 2, branch: 2, maxDepth: 3 };
    // Arithmetic's default verifier is the exact `steps` process verifier, which a request's own process verifier replaces.
    const arithmetic = await reason({
      question: 'What is 58+67?',
      model: 'slowthink-mini',
      strategy: 'beam',
      options,
      verifier: createVerifier('prm'),
      seed: 5,
    });
    expect(verifiersOf(arithmetic)).toContain('prm');
    expect(verifiersOf(arithmetic)).not.toContain('steps');
    // Countdown's default verifier judges outcomes only, so the option picks the process verifier.
    const countdown = await reason({
      question: 'Use 3, 5, 7 to make 22.',
      model: 'slowthink-mini',
      strategy: 'beam',
      options: { ...options, processVerifier: 'prm' },
      seed: 5,
    });
    expect(verifiersOf(countdown)).toContain('prm');
  }, 60_000);
});
