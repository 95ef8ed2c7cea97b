import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchJobId, benchJobPayload, parseBenchJobPayload } from './bench-job-payload.js';

const job = {
  problem: { id: 'arithmetic/L2/seed7/3', task: 'arithmetic', question: 'What is 12+30?', answer: '42', level: 2 },
  config: { key: 'self-consistency:n=4', strategy: 'self-consistency', options: { n: 4 } },
  seed: 1234,
};
const settings = { runId: '20261203-120000-abcd', model: 'slowthink-mini', verifier: 'checker' as const };

describe('bench job payload', () => {
  it('round-trips through JSON (what Redis carries) unchanged', () => {
    const payload = benchJobPayload(job, { ...settings, temperature: 0.7 });
    const check = parseBenchJobPayload(JSON.parse(JSON.stringify(payload)));
    expect(check).toEqual({ ok: true, payload });
  });

  it.each([
    ['not an object', 'hello', /payload/],
    ['no problem', { ...benchJobPayload(job, settings), problem: undefined }, /problem/],
    ['empty question', { ...benchJobPayload(job, settings), problem: { ...job.problem, question: '' } }, /problem\.question/],
    ['negative seed', { ...benchJobPayload(job, settings), seed: -1 }, /seed/],
    ['unknown effort', { ...benchJobPayload(job, settings), config: { key: 'x', effort: 'huge', options: {} } }, /config\.effort/],
    ['unknown budget limit', { ...benchJobPayload(job, settings), config: { ...job.config, budget: { maxMinutes: 3 } } }, /config\.budget/],
    ['bad verifier', { ...benchJobPayload(job, settings), verifier: 'oracle' }, /verifier/],
    ['a newer payload version', { ...benchJobPayload(job, settings), version: 2 }, /version/],
  ])('refuses %s and names the field', (_name, data, field) => {
    const check = parseBenchJobPayload(data);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(field);
  });

  it('gives one id per (run, problem, config, seed), without the colon BullMQ refuses', () => {
    const part = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.tuple(part, part, part, fc.nat()), fc.tuple(part, part, part, fc.nat()), (left, right) => {
        const leftId = benchJobId(...left);
        expect(leftId).not.toContain(':');
        expect(benchJobId(...left)).toBe(leftId);
        if (JSON.stringify(left) !== JSON.stringify(right)) expect(benchJobId(...right)).not.toBe(leftId);
      }),
      { numRuns: 200 },
    );
  });
});
