import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlowthinkError } from '../../errors/index.js';
import { type CliRun, runCli as runCliProcess } from '../../testing/run-cli.js';
import { requestFromFlags } from './ask.js';

let server: Server;
let baseURL: string;

beforeAll(async () => {
  // A recorded-shape OpenAI-compatible backend that answers every sample "Answer: 391".
  server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw) as { n?: number; stream?: boolean };
      const n = body.n ?? 1;
      const usage = { prompt_tokens: 20, completion_tokens: 12 * n };
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let index = 0; index < n; index += 1) {
        const delta = { content: '17 * 23 = 17 * 20 + 17 * 3 = 340 + 51\nAnswer: 391' };
        response.write(
          `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index, delta, finish_reason: 'stop' }] })}\n\n`,
        );
      }
      response.write(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage })}\n\n`,
      );
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function runCli(args: string[]): Promise<CliRun> {
  return runCliProcess(args, { env: { SLOWTHINK_OPENAI_BASE_URL: baseURL } });
}

describe('slowthink ask', () => {
  it('--json prints exactly one JSON object with the answer, usage and cost', async () => {
    const { code, stdout } = await runCli(['ask', 'What is 17 * 23?', '--model', 'openai-compatible:m', '--json', '--effort', 'medium']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '{}');
    expect(result).toMatchObject({
      answer: '391',
      model: 'openai-compatible:m',
      effort: 'medium',
      strategy: 'adaptive-consistency',
      finish_reason: 'stop',
      samples: 4,
    });
    expect(result.usage.completion_tokens).toBe(48);
    expect(result.usage.reasoning_tokens).toBeGreaterThan(0);
    expect(result.usage.reasoning_tokens).toBeLessThan(48);
    // The backend reports 20 prompt tokens per call; usage sums every call (docs/architecture.md, "Usage accounting").
    expect(result.calls).toBeGreaterThanOrEqual(1);
    expect(result.usage.prompt_tokens).toBe(20 * result.calls);
    expect(typeof result.cost_usd).toBe('number');
  }, 30_000);

  it('streams the thinking, then the answer, then the ledger line', async () => {
    const { code, stdout } = await runCli(['ask', 'What is 17 * 23?', '--model', 'openai-compatible:m', '--strategy', 'cot']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/── Chain of thought ──\n17 \* 23 = 17 \* 20/);
    expect(stdout).toMatch(/Answer: 391\n.*1 sample · 12 tokens/);
  }, 30_000);

  it('--members runs a society whose solvers are the named models, and an unknown member exits 2 naming it', async () => {
    const run = await runCli(['ask', 'What is 12+30?', '--strategy', 'society', '--members', 'slowthink-mini+slowthink', '--no-trace']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Solver \d \(embedded:slowthink-mini\)/);
    expect(run.stdout).toMatch(/Solver \d \(embedded:slowthink\)/);
    const bad = await runCli(['ask', 'What is 2+2?', '--strategy', 'society', '--members', 'slowthink-mini+nosuch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error ST_UNKNOWN_MODEL: Unknown model "nosuch"/);
  }, 60_000);

  it('exits 2 with code and hint for bad input, never a stack trace', async () => {
    const { code, stderr } = await runCli(['ask', 'q', '--max-calls', '1.5']);
    expect(code).toBe(2);
    expect(stderr).toBe('error ST_INVALID_ARGUMENT: --max-calls must be a whole number ≥ 1, got "1.5"\nhint: Example: --max-calls 8\n');
  }, 30_000);
});

describe('requestFromFlags', () => {
  it('builds the budget from flags and rejects negatives and non-numbers', () => {
    expect(
      requestFromFlags('q', { maxTokens: '100', maxUsd: '0.5', maxSeconds: '2', maxCalls: '3', seed: '1', temperature: '0' }),
    ).toMatchObject({
      budget: { maxTokens: 100, maxUsd: 0.5, maxSeconds: 2, maxCalls: 3 },
      seed: 1,
      temperature: 0,
    });
    expect(requestFromFlags('q', { samples: '8' }).options).toEqual({ n: 8, maxSamples: 8 });
    expect(requestFromFlags('q', { samples: '4', members: 'slowthink-mini+slowthink' }).options).toEqual({
      n: 4,
      maxSamples: 4,
      models: 'slowthink-mini+slowthink',
    });
    expect(() => requestFromFlags('q', { samples: '0' })).toThrow(/--samples/);
    expect(() => requestFromFlags('q', { maxSeconds: '-1' })).toThrow(/--max-seconds/);
    expect(() => requestFromFlags('q', { temperature: 'hot' })).toThrow(/--temperature/);
    expect(() => requestFromFlags('', {})).toThrow(/empty/);
  });
});

describe('requestFromFlags on any flag values', () => {
  it('gives a request or a SlowthinkError naming the flag, never another throw (the --json error object needs a code)', () => {
    const flagNames = ['maxTokens', 'maxUsd', 'maxSeconds', 'maxCalls', 'temperature', 'seed', 'samples'] as const;
    const value = fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String), fc.constantFrom('', ' ', '1e309', '-0', '0x10'));
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.constantFrom(...flagNames), value), (question, flags) => {
        try {
          const request = requestFromFlags(question, flags);
          for (const limit of Object.values(request.budget ?? {})) expect(Number.isFinite(limit) && limit > 0).toBe(true);
        } catch (error) {
          expect(SlowthinkError.isInstance(error)).toBe(true);
          expect((error as SlowthinkError).code).toBe('ST_INVALID_ARGUMENT');
        }
      }),
      { numRuns: 300 },
    );
  });
});
