/** Each task end to end through `reason()` on the real embedded model: the answer users get is extracted, checked and honest. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reason } from '../../src/engine/index.js';
import { createEmbeddedModel } from '../../src/models/embedded.js';
import type { Model } from '../../src/spec/index.js';
import { parseCountdownQuestion } from '../../src/tasks/countdown.js';
import { claimsNoSolution, solveCountdown } from '../../src/tasks/countdown-answer.js';
import { arithmeticTask, countdownTask, detectTask } from '../../src/tasks/index.js';
import { createAnswerKey } from '../../src/verify/index.js';

const root = join(import.meta.dirname, '..', '..');
const shipped = join(root, 'models', 'slowthink-mini.gguf');

/** The questions the README shows users (`ask "…"`, `question: '…'`, `"content":"…"`). */
function readmeQuestions(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const patterns = [/ask "([^"]+)"/g, /question: '([^']+)'/g, /"content":"([^"]+)"/g, /content: '([^']+)'/g];
  return [...new Set(patterns.flatMap((pattern) => [...readme.matchAll(pattern)].map((match) => match[1] as string)))];
}

describe('README examples', () => {
  it('are all questions of a built-in task, and every Countdown example has a solution', () => {
    const questions = readmeQuestions();
    expect(questions.some((question) => parseCountdownQuestion(question) !== undefined)).toBe(true);
    for (const question of questions) {
      const task = detectTask(question);
      expect(task, question).toBeDefined();
      const countdown = parseCountdownQuestion(question);
      if (countdown) expect(solveCountdown(countdown.numbers, countdown.target), question).toBeDefined();
    }
  });
});

describe.skipIf(!existsSync(shipped))('tasks end to end through reason() on slowthink-mini', () => {
  let model: Model;
  beforeAll(async () => {
    model = await createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 });
  });
  afterAll(async () => model?.close?.());

  it('Countdown: the answer is extracted, keeps the expression, and only a solution wins the vote', async () => {
    const question = 'Use 3, 7, 25, 50 to make 65.'; // a draw by the game's rules (small numbers 1-10)
    const result = await reason({ question, model, effort: 'medium', seed: 3 });
    expect(result.details?.task).toBe('countdown');
    expect(result.answer).toBeDefined();
    expect(result.answer).toBe(createAnswerKey(countdownTask, { question }).extract(result.text));
    expect(result.answer).toMatch(/[+\-*/]/); // the expression, not its value
    // A vote leader can only be a solution: the checker accepts whatever the vote chose.
    const tally = result.details?.tally as Record<string, number>;
    if (Object.keys(tally).length > 0) {
      expect(Object.keys(tally)).toEqual(['65']);
      expect(countdownTask.check(question, result.answer as string)).toBe(true);
    }
  });

  it('README Countdown examples are solved through reason()', async () => {
    for (const question of readmeQuestions().filter((text) => parseCountdownQuestion(text) !== undefined)) {
      const result = await reason({ question, model, effort: 'medium', seed: 1 });
      expect(countdownTask.check(question, result.answer ?? ''), `${question} → ${result.answer}`).toBe(true);
    }
  });

  it('an unsolvable Countdown draw never gets a vote leader, and its answer is not accepted by the checker', async () => {
    const question = 'Use 3, 7, 25, 50 to make 62.';
    const result = await reason({ question, model, effort: 'medium', seed: 1 });
    expect(result.details?.tally).toEqual({});
    if (result.answer !== undefined) {
      expect(countdownTask.check(question, result.answer)).toBe(false);
      expect(result.warnings.map((warning) => warning.message)).toContain(
        `${result.answer} is not a valid countdown answer: ${countdownTask.explain?.(question, result.answer)}`,
      );
    }
    expect(countdownTask.check(question, 'no solution')).toBe(true);
    expect(claimsNoSolution('A: no solution')).toBe(true);
  });

  it('arithmetic as users type it: the answer is the A: line as an integer; two-digit questions are right', async () => {
    // Single digits and nested parentheses are outside what the generator writes: slowthink-mini answers 2 + 3 with 52
    // (it copies 22+3) and 3*(4+5) wrongly, so only extraction is asserted there (retraining is a later issue).
    const questions = ['12 x 7', 'What is 48+77?', 'What is 2 + 3?', 'Compute 3*(4+5)'];
    const right: boolean[] = [];
    for (const question of questions) {
      const result = await reason({ question, model, effort: 'low', seed: 1 });
      expect(result.details?.task, question).toBe('arithmetic');
      expect(result.answer, question).toMatch(/^-?\d+$/);
      expect(result.answer).toBe(createAnswerKey(arithmeticTask, { question }).extract(result.text));
      right.push(arithmeticTask.check(question, result.answer as string));
    }
    expect(right.slice(0, 2)).toEqual([true, true]);
  });

  it('a question outside the tasks gets the refusal with answer null, not a number read from its words', async () => {
    const result = await reason({ question: 'What is the capital of France?', model, effort: 'medium' });
    expect(result.text).toMatch(/gpt-4o-mini/);
    expect(result.answer).toBeUndefined();
    expect(result.details?.tally).toEqual({});
  });
});
