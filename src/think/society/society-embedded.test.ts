import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reason } from '../../engine/reason.js';
import { closeModels } from '../../models/registry.js';

const shipped = ['slowthink-mini.gguf', 'slowthink.gguf'].map((file) => join(import.meta.dirname, '..', '..', '..', 'models', file));

afterAll(closeModels);

describe.skipIf(!shipped.every((path) => existsSync(path)))('society of the real embedded mini + full', () => {
  it('solvers on both tiers, the full tier’s learned check role as the checker, each tier on the ledger', async () => {
    const result = await reason({
      question: 'What is 48+77?',
      model: 'slowthink',
      strategy: 'society',
      options: { models: 'slowthink-mini+slowthink', solvers: 2, rounds: 1, checker: 'learned', maxTokens: 120 },
      seed: 5,
    });
    expect(result.answer).toBe('125');
    expect(result.details).toMatchObject({ members: ['embedded:slowthink-mini', 'embedded:slowthink'], checker: 'learned-steps' });
    expect(result.details?.checkerModel).toBe('embedded:slowthink');
    expect(result.details?.checkedLines).toBeGreaterThan(0);
    const models = new Set(result.ledger.map((entry) => entry.model));
    expect(models).toEqual(new Set(['embedded:slowthink-mini', 'embedded:slowthink']));
    const scores = result.trace.events.filter((event) => event.type === 'score');
    expect(scores.length).toBeGreaterThanOrEqual(2);
    for (const score of scores) expect(score.type === 'score' && score.verifier).toBe('learned-steps');
    const solvers = result.trace.thoughts.filter((thought) => thought.role === 'agent' && thought.label.startsWith('Solver'));
    expect(solvers.map((thought) => thought.label).slice(0, 2)).toEqual([
      'Solver 1 (embedded:slowthink-mini) · round 1',
      'Solver 2 (embedded:slowthink) · round 1',
    ]);
  }, 60_000);

  it('a token limit returns the best answer so far, with both tiers’ work charged within it', async () => {
    const result = await reason({
      question: 'What is 347*58?',
      model: 'slowthink',
      strategy: 'society',
      options: { models: ['slowthink-mini', 'slowthink'], solvers: 4, rounds: 2 },
      budget: { maxTokens: 400 },
      seed: 1,
    });
    expect(result.totals.completionTokens).toBeLessThanOrEqual(400);
    expect(result.usage.completionTokens).toBe(result.totals.completionTokens);
    if (result.stoppedBy !== null) expect(result.stoppedBy).toBe('tokens');
    expect(result.answer === undefined ? result.finishReason : 'answered').toMatch(/answered|length/);
  }, 60_000);
});
