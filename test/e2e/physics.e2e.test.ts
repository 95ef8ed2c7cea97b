/** Physics end to end through `reason()` on the real embedded model: routed to the task, answer extracted, votes keyed by unit, graded. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reason } from '../../src/engine/index.js';
import { createEmbeddedModel } from '../../src/models/embedded.js';
import type { Model } from '../../src/spec/index.js';
import { EVAL_SEED } from '../../src/tasks/held-out.js';
import { physicsTask } from '../../src/tasks/physics.js';
import { createAnswerKey } from '../../src/verify/index.js';

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');

describe.skipIf(!existsSync(shipped))('physics end to end through reason() on slowthink-mini', () => {
  let model: Model;
  beforeAll(async () => {
    model = await createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 });
  });
  afterAll(async () => model?.close?.());

  // The shipped model has not been trained on physics yet: only the pipeline is asserted, not that it answers right.
  it('a held-out question of each level is routed to physics, its answer extracted by the unit-aware key and graded', async () => {
    let answered = 0;
    for (const level of physicsTask.levels) {
      const [problem] = physicsTask.generate({ seed: EVAL_SEED, count: 1, level, split: 'held-out-shapes' });
      const question = problem?.question as string;
      const result = await reason({ question, model, effort: 'medium', seed: level });
      expect(result.details?.task, question).toBe('physics');
      const key = createAnswerKey(physicsTask, { question });
      expect(result.answer).toBe(key.extract(result.text));
      if (result.answer === undefined) continue;
      answered++;
      // Graded two ways that must agree: the checker solving the question, and the vote key against the reference.
      expect(physicsTask.check(question, result.answer)).toBe(key.equivalent(result.answer, problem?.answer as string));
      // Bound to the question, a bare number votes as a quantity in the asked unit: no tally key is a bare number.
      for (const vote of Object.keys((result.details?.tally as Record<string, number> | undefined) ?? {})) {
        expect(vote, vote).not.toMatch(/^-?[\d.]+$/);
      }
    }
    expect(answered).toBeGreaterThan(0);
  });
});
