import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { LedgerTotals } from '../spec/index.js';
import { errorJson, exitCodeFor, reportError, wantsJson } from './render-error.js';

const phase = { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
const totals: LedgerTotals = {
  calls: 3,
  samples: 5,
  promptTokens: 72,
  completionTokens: 1331,
  cachedTokens: 0,
  costUsd: 0.0042,
  seconds: 1.23456,
  byPhase: { generate: phase, verify: phase, aggregate: phase },
};

function capture(error: unknown, json: boolean): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = reportError(error, { json, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('CLI failures', () => {
  it('exit codes follow docs/errors.md: 2 bad input, 3 backend, 130 interrupt, 1 bug or store', () => {
    const codeOf = (code: SlowthinkError['code']) => exitCodeFor(new SlowthinkError(code, 'x'));
    for (const code of ['ST_INVALID_ARGUMENT', 'ST_UNKNOWN_MODEL', 'ST_UNKNOWN_STRATEGY', 'ST_BUDGET_TOO_SMALL', 'ST_CONFIG'] as const)
      expect(codeOf(code)).toBe(2);
    for (const code of ['ST_MODEL_UNAVAILABLE', 'ST_MODEL_CALL_FAILED', 'ST_MODEL_RATE_LIMITED', 'ST_MODEL_TIMEOUT'] as const)
      expect(codeOf(code)).toBe(3);
    expect(codeOf('ST_ABORTED')).toBe(130);
    expect(codeOf('ST_INTERNAL')).toBe(1);
  });

  it('--json: the error object carries the work the request did (from error.report)', () => {
    const error = new SlowthinkError(ERROR_CODES.MODEL_TIMEOUT, 'The backend did not answer in 30 s', {
      hint: 'Retry later.',
      report: { model: 'openai:m', effort: 'max', strategy: 'adaptive-consistency', stoppedBy: null, totals },
    });
    const { code, stdout, stderr } = capture(error, true);
    expect(code).toBe(3);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: 'ST_MODEL_TIMEOUT', message: 'The backend did not answer in 30 s', hint: 'Retry later.' },
      answer: null,
      model: 'openai:m',
      effort: 'max',
      strategy: 'adaptive-consistency',
      stopped_by: null,
      usage: { prompt_tokens: 72, completion_tokens: 1331, cached_tokens: 0, total_tokens: 1403 },
      cost_usd: 0.0042,
      seconds: 1.235,
      samples: 5,
      calls: 3,
    });
    expect(stderr).toBe('error ST_MODEL_TIMEOUT: The backend did not answer in 30 s\nhint: Retry later.\n');
  });

  it('--json: a commander parse error and an unknown throw are one object too; without --json stdout stays empty', () => {
    const parse = capture(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"), true);
    expect(parse.code).toBe(2);
    expect(JSON.parse(parse.stdout).error).toMatchObject({ code: 'ST_INVALID_ARGUMENT', message: "unknown option '--x'" });
    const bug = capture(new TypeError('boom'), true);
    expect(bug.code).toBe(1);
    expect(JSON.parse(bug.stdout)).toEqual({ error: { code: 'ST_INTERNAL', message: 'boom', hint: expect.any(String) } });
    expect(capture(new TypeError('boom'), false).stdout).toBe('');
    expect(errorJson(new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'bad', { param: 'seed' }))).toEqual({
      error: { code: 'ST_INVALID_ARGUMENT', message: 'bad', hint: null, param: 'seed' },
    });
  });

  it('--json counts only before `--`', () => {
    expect(wantsJson(['node', 'slowthink', 'ask', 'q', '--json'])).toBe(true);
    expect(wantsJson(['node', 'slowthink', 'ask', '--', '--json'])).toBe(false);
  });
});
