/** The `openai` SDK's Responses stream when things go wrong: a backend failing mid-stream, a client leaving, effort none. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, eventually, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startConformanceServer();
  client = new OpenAI({ baseURL: server.baseURL, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

describe('openai SDK Responses stream under failure', () => {
  it('cancels the engine run when the client stops reading after the first summary delta', async () => {
    const stream = await client.responses.create({ model: MODEL, input: QUESTION, reasoning: { effort: 'max' }, stream: true });
    for await (const event of stream) if (event.type === 'response.reasoning_summary_text.delta') break;
    await eventually(() => server.runs[0]?.error !== undefined || server.runs[0]?.outcome !== undefined);
    const run = server.runs[0]!;
    expect(run.error ?? run.outcome?.finishReason).toMatch(/ST_ABORTED|abort/);
  });

  it('effort none sends no reasoning item and no summary deltas, only the answer', async () => {
    const stream = client.responses.stream({ model: MODEL, input: QUESTION, reasoning: { effort: 'none' } });
    const types = new Set<string>();
    for await (const event of stream) types.add(event.type);
    const final = await stream.finalResponse();
    expect(types.has('response.reasoning_summary_text.delta')).toBe(false);
    expect(final.output.map((item) => item.type)).toEqual(['message']);
    expect(final.output_text).toBe(server.runs[0]!.outcome?.text);
  });

  it('a backend failing mid-stream ends the stream with an error event and response.failed (OpenAI shape), and is not stored', async () => {
    const failing = await startConformanceServer({ failAfterEvents: 2 });
    try {
      const sdk = new OpenAI({ baseURL: failing.baseURL, apiKey: 'unused', maxRetries: 2 });
      const stream = await sdk.responses.create({ model: MODEL, input: QUESTION, stream: true });
      let id = '';
      let summary = '';
      const tail: OpenAI.Responses.ResponseStreamEvent[] = [];
      // The SDK yields a Responses `error` event rather than throwing (it throws only for a top-level `error` key).
      for await (const event of stream) {
        if (event.type === 'response.created') id = event.response.id;
        if (event.type === 'response.reasoning_summary_text.delta') summary += event.delta;
        if (event.type === 'error' || event.type === 'response.failed') tail.push(event);
      }
      expect(summary).toMatch(/^Effort medium/);
      const [error, failed] = tail;
      expect(error?.type === 'error' && error.code).toBe('upstream_error');
      expect(error?.type === 'error' && error.message).toContain('Injected backend failure');
      expect(failed?.type === 'response.failed' && failed.response.status).toBe('failed');
      expect(failed?.type === 'response.failed' && failed.response.error?.code).toBe('upstream_error');
      expect(failing.seen.filter((request) => request.path === '/v1/responses')).toHaveLength(1);
      const next = await sdk.responses
        .create({ model: MODEL, input: 'again', previous_response_id: id })
        .catch((caught: unknown) => caught);
      expect(next).toBeInstanceOf(OpenAI.NotFoundError);
    } finally {
      await failing.close();
    }
  });
});
