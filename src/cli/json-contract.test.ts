import { describe, expect, it } from 'vitest';
import { onlyJsonObject, runCli } from '../testing/run-cli.js';

// `ask --json` through the real CLI process on the embedded model: stdout holds exactly one JSON object whatever happens.
const question = 'What is 48+77?';

describe('ask --json prints exactly one JSON object', () => {
  it('a normal answer: the result, exit 0', async () => {
    const run = await runCli(['ask', question, '--json', '--effort', 'low', '--seed', '1']);
    const result = onlyJsonObject(run.stdout);
    expect(run.code).toBe(0);
    expect(result).toMatchObject({ model: 'embedded:slowthink-mini', effort: 'low', strategy: 'cot', stopped_by: null });
    expect(typeof result['answer']).toBe('string');
    expect(result['error']).toBeUndefined();
  }, 30_000);

  it.each([
    [['--max-calls', '1.5'], 'ST_INVALID_ARGUMENT', 'max-calls'],
    [['--temperature', 'hot'], 'ST_INVALID_ARGUMENT', 'temperature'],
    [['--bogus-flag'], 'ST_INVALID_ARGUMENT', undefined],
    [['--effort'], 'ST_INVALID_ARGUMENT', undefined],
    [['--effort', 'extreme'], 'ST_UNKNOWN_EFFORT', 'effort'],
    [['--model', 'nope:x'], 'ST_UNKNOWN_MODEL', 'model'],
    [['--strategy', 'nope'], 'ST_UNKNOWN_STRATEGY', 'strategy'],
  ])(
    'bad input %j: the error object with code %s, exit 2',
    async (flags, code, param) => {
      const run = await runCli(['ask', question, '--json', ...flags]);
      const body = onlyJsonObject(run.stdout);
      expect(run.code).toBe(2);
      expect(body['error']).toMatchObject({ code, message: expect.any(String), hint: expect.any(String) });
      if (param) expect(body['error']).toMatchObject({ param });
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
    30_000,
  );

  it('a limit that stops thinking before any answer: answer null, the limit and the work charged, exit 4', async () => {
    const run = await runCli(['ask', question, '--json', '--max-tokens', '1', '--effort', 'low']);
    const body = onlyJsonObject(run.stdout);
    expect(run.code).toBe(4);
    expect(body).toMatchObject({ answer: null, model: 'embedded:slowthink-mini', strategy: 'cot', effort: 'low', stopped_by: 'tokens' });
    expect(body['finish_reason']).toBe('length');
    const usage = body['usage'] as { completion_tokens: number; prompt_tokens: number };
    expect(usage.completion_tokens).toBe(1);
    expect(body['calls']).toBe(1);
    expect(String(body['warnings'])).toMatch(/tokens limit stopped the request before any answer/);
  }, 30_000);

  it('a backend that cannot be reached: ST_MODEL_UNAVAILABLE, exit 3', async () => {
    // Port 9 (discard) is closed here: connection refused, through the real OpenAI-compatible provider and its retries.
    const run = await runCli(['ask', question, '--json', '--model', 'openai-compatible:m', '--effort', 'low'], {
      env: { SLOWTHINK_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
    });
    expect(run.code).toBe(3);
    expect(onlyJsonObject(run.stdout)['error']).toMatchObject({ code: 'ST_MODEL_UNAVAILABLE' });
  }, 30_000);

  it('a mid-run limit: the best answer so far and the limit that stopped it, exit 0', async () => {
    const run = await runCli(['ask', question, '--json', '--effort', 'high', '--max-tokens', '120', '--seed', '1']);
    const result = onlyJsonObject(run.stdout);
    expect(run.code).toBe(0);
    expect(result['stopped_by']).toBe('tokens');
    expect(typeof result['answer']).toBe('string');
    expect((result['usage'] as { completion_tokens: number }).completion_tokens).toBeLessThanOrEqual(120);
  }, 30_000);

  it('an interrupted run (SIGINT): one object (answer so far, or ST_ABORTED with the work done), exit 130', async () => {
    let started = '';
    const run = await runCli(['ask', 'What is 912*847?', '--json', '--effort', 'max', '--max-calls', '500'], {
      env: { SLOWTHINK_MODEL: 'slowthink-mini' },
      // SIGINT once the model is thinking (`ask` has taken over Ctrl-C well before 2.5 s).
      onSpawn: (child) => {
        setTimeout(() => {
          started = String(child.kill('SIGINT'));
        }, 2500);
      },
    });
    expect(started).toBe('true');
    const body = onlyJsonObject(run.stdout);
    expect(run.code).toBe(130);
    if (body['error'] === undefined) expect(body).toMatchObject({ stopped_by: 'abort', finish_reason: 'abort' });
    else expect(body['error']).toMatchObject({ code: 'ST_ABORTED' });
  }, 30_000);
});

describe('ask output to a reader that stops early', () => {
  it('a closed pipe (`| head -1`) ends the CLI quietly, without a stack trace', async () => {
    const run = await runCli(['ask', question, '--effort', 'low'], {
      onSpawn: (child) => child.stdout?.once('data', () => child.stdout?.destroy()),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 30_000);
});
