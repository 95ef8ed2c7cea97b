/** Program tracing end to end through `reason()` on the real embedded model: routed to its task, extracted by its answer key, graded against the sandboxed run. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reason } from '../../src/engine/index.js';
import { createEmbeddedModel } from '../../src/models/embedded.js';
import type { Model } from '../../src/spec/index.js';
import { programQuestion, programTrace, programTraceTask } from '../../src/tasks/program-trace.js';
import { createAnswerKey, createVerifier } from '../../src/verify/index.js';

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');

describe.skipIf(!existsSync(shipped))('program tracing end to end through reason() on slowthink-mini', () => {
  let model: Model;
  beforeAll(async () => {
    model = await createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 });
  });
  afterAll(async () => model?.close?.());

  it('a program question as a user types it reaches its task, and its answer is extracted and graded', async () => {
    // Fenced, four-space indents, a trailing blank line: normalised to the form the task generates.
    const typed = 'What does the following code print?\n```python\nt = 4\nfor i in range(3):\n    t = t * 2 - i\nprint(t)\n```\n';
    const truth = programTrace(typed)?.answer;
    expect(truth).toBe('28');
    const result = await reason({ question: typed, model, effort: 'medium', seed: 2 });
    expect(result.details?.task).toBe('program-trace');
    const key = createAnswerKey(programTraceTask, { question: typed });
    expect(result.answer).toBe(key.extract(result.text));
    // The model has not learned the task yet: whatever it answered is graded by the real output, not assumed right.
    if (result.answer !== undefined) expect(programTraceTask.check(typed, result.answer)).toBe(key.equivalent(result.answer, '28'));
    expect(key.extract(`<think>\nt=4\n</think>\nA: 28`)).toBe('28');
    expect(programTraceTask.check(typed, '28')).toBe(true);
  });

  it("the engine's exact steps verifier scores a real trace 1 and a slipped one lower", async () => {
    const [problem] = programTraceTask.generate({ seed: 3, count: 1, level: 3 });
    const question = problem?.question ?? programQuestion('print(1)');
    const lines = programTrace(question)?.lines ?? [];
    const verifier = createVerifier('steps');
    const right = await verifier.score(
      { question, messages: [], task: 'program-trace' },
      { text: `<think>\n${lines.join('\n')}\n</think>\nA: ${problem?.answer}` },
    );
    expect(right.value).toBe(1);
    const slipped = lines.map((line) =>
      line.replace(/=(-?\d+)( |$)/, (_match, value: string, end: string) => `=${Number(value) + 1}${end}`),
    );
    const computed = lines.filter((line) => /=.*[-+*%/].*=/.test(line)).length;
    expect(computed).toBeGreaterThan(0);
    const wrong = await verifier.score(
      { question, messages: [], task: 'program-trace' },
      { text: `<think>\n${slipped.join('\n')}\n</think>\nA: 0` },
    );
    expect(wrong.value).toBeLessThan(1);
  });
});
