/** @module The forgery suite (issue #12): every forged program scores exactly the tests it really passes, never more. */
import { describe, expect, it } from 'vitest';
import { createCodeVerifier } from './code-verifier.js';
import { ADD_TESTS, FORGERY_ATTEMPTS } from './forgery-attempts.js';
import { sandboxAvailability } from './sandbox.js';

const sandboxed = sandboxAvailability() === true;
const python = (code: string) => `\`\`\`python\n${code}\n\`\`\``;
const problem = (tests: string) => ({ question: 'Write it.', messages: [], reference: tests });

describe.skipIf(!sandboxed)('code verifier forgery suite', () => {
  const verifier = createCodeVerifier({ timeoutMs: 1000 });

  it('holds at least ten attempts, the three observed forgeries among them', () => {
    expect(FORGERY_ATTEMPTS.length).toBeGreaterThanOrEqual(10);
    const names = FORGERY_ATTEMPTS.map((attempt) => attempt.name);
    expect(names).toEqual(expect.arrayContaining(['always-equal', 'call-the-reporter', 'environ-secret']));
  });

  it.each(FORGERY_ATTEMPTS.map((attempt) => [attempt.name, attempt] as const))(
    '%s scores only what it really passes',
    async (_, attempt) => {
      const total = attempt.tests.split('\n').length;
      const score = await verifier.score(problem(attempt.tests), { text: python(attempt.code) });
      expect(score.value).toBe(attempt.honestPasses / total);
      expect(score.evidence).toContain(`${attempt.honestPasses}/${total} tests passed`);
    },
  );

  it('still gives an honest solution every test, and a partly right one its fraction, beside a forger', async () => {
    const [right, partial] = await Promise.all([
      verifier.score(problem(ADD_TESTS), { text: python('def add(a, b):\n    return a + b') }),
      verifier.score(problem(ADD_TESTS), { text: python('def add(a, b):\n    return a + b if a != b else 0') }),
    ]);
    expect(right.value).toBe(1);
    expect(partial.value).toBeCloseTo(2 / 3);
  });
});
