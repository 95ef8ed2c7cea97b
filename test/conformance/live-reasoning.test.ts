/**
 * The embedded model's reasoning streams live through the real server: in several chunks, as it is generated, before
 * the answer (it used to arrive in one piece with the answer), and a reasoning budget caps what is spent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, MODEL, startConformanceServer } from './harness.js';

let server: ConformanceServer;

beforeAll(async () => {
  server = await startConformanceServer();
});
afterAll(() => server?.close());

interface TimedChunk {
  atMs: number;
  reasoning?: string;
  content?: string;
}

/** Streams one request and notes when each delta arrived. */
async function streamTimed(body: Record<string, unknown>): Promise<TimedChunk[]> {
  const started = performance.now();
  const response = await fetch(`${server.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, stream: true, ...body }),
  });
  expect(response.status).toBe(200);
  const chunks: TimedChunk[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(bytes, { stream: true });
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      if (!event.startsWith('data: {')) continue;
      const delta = JSON.parse(event.slice(6)).choices?.[0]?.delta ?? {};
      const chunk: TimedChunk = { atMs: performance.now() - started };
      if (delta.reasoning_content) chunk.reasoning = delta.reasoning_content;
      if (delta.content) chunk.content = delta.content;
      if (chunk.reasoning !== undefined || chunk.content !== undefined) chunks.push(chunk);
    }
  }
  return chunks;
}

describe.skipIf(!EMBEDDED_MODEL_READY)('live reasoning on the embedded model (effort low)', () => {
  it("sends the sample's thinking in several chunks before the answer, as it is generated", async () => {
    await streamTimed({ reasoning_effort: 'low', messages: [{ role: 'user', content: 'What is 2 + 3?' }] }); // loads the model
    const chunks = await streamTimed({ reasoning_effort: 'low', messages: [{ role: 'user', content: 'What is 347 + 285?' }] });
    const firstContent = chunks.findIndex((chunk) => chunk.content !== undefined);
    expect(firstContent).toBeGreaterThan(0);
    expect(chunks.slice(firstContent).every((chunk) => chunk.reasoning === undefined)).toBe(true);
    // The plan line comes first; the model's own thinking must follow in more than one piece, not with the answer.
    const thinking = chunks.slice(1, firstContent).filter((chunk) => chunk.reasoning !== undefined);
    expect(thinking.length).toBeGreaterThanOrEqual(3);
    // Scratchpad lines (`7+5=12 >2`) reach the client in separate chunks, not all in the one that carries the answer.
    expect(
      thinking.filter((chunk) => /[=+]/.test(chunk.reasoning ?? '') && !chunk.reasoning?.includes('A:')).length,
    ).toBeGreaterThanOrEqual(2);
    const firstThinking = thinking[0]!.atMs;
    const answerAt = chunks[firstContent]!.atMs;
    console.log(
      `live reasoning: plan ${chunks[0]!.atMs.toFixed(0)} ms, first thinking ${firstThinking.toFixed(0)} ms, answer ${answerAt.toFixed(0)} ms, ${thinking.length} thinking chunks`,
    );
    expect(firstThinking).toBeLessThan(answerAt);
  });

  it('a reasoning budget caps the reasoning tokens spent (50 asked: at most 50)', async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        reasoning: { max_tokens: 50 },
        reasoning_effort: 'medium',
        messages: [{ role: 'user', content: 'What is 347 * 58?' }],
      }),
    });
    expect(response.status).toBe(200);
    const { usage } = await response.json();
    expect(usage.completion_tokens_details.reasoning_tokens).toBeLessThanOrEqual(50);
    expect(usage.completion_tokens).toBeLessThanOrEqual(50);
  });
});
