/** The `openai` SDK's Responses API (`responses.create`, `.stream`) against the real server on the real engine. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConformanceServer, EMBEDDED_MODEL_READY, MODEL, QUESTION, startConformanceServer } from './harness.js';

let server: ConformanceServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startConformanceServer();
  client = new OpenAI({ baseURL: server.baseURL, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => server?.close());
beforeEach(() => server.clear());

function summaryOf(response: OpenAI.Responses.Response): string {
  const item = response.output.find((entry) => entry.type === 'reasoning');
  return item?.type === 'reasoning' ? item.summary.map((part) => part.text).join('') : '';
}

describe(`openai SDK Responses API on ${EMBEDDED_MODEL_READY ? 'the embedded model' : 'a scripted stand-in model'}`, () => {
  it('create returns a reasoning item with a summary, the message, and reasoning tokens in usage', async () => {
    const response = await client.responses.create({ model: MODEL, input: QUESTION, reasoning: { effort: 'low', summary: 'auto' } });
    expect(response.id).toMatch(/^resp_/);
    expect(response.status).toMatch(/^(completed|incomplete)$/);
    expect(summaryOf(response)).toMatch(/^Effort low → cot/);
    expect(response.output.at(-1)?.type).toBe('message');
    // output_text is the SDK's own concatenation of the message's output_text parts.
    expect(response.output_text).toBe(server.runs[0]!.outcome?.text);
    const usage = response.usage!;
    expect(usage.output_tokens).toBe(server.runs[0]!.outcome?.usage.completionTokens);
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens_details.reasoning_tokens).toBeLessThanOrEqual(usage.output_tokens);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    expect(response.reasoning?.effort).toBe('low');
  });

  it('stream sends summary deltas before any text delta, then response.completed with usage', async () => {
    const stream = client.responses.stream({ model: MODEL, input: QUESTION, reasoning: { effort: 'low' } });
    const order: string[] = [];
    let summary = '';
    let text = '';
    let sequence = -1;
    for await (const event of stream) {
      expect(event.sequence_number).toBeGreaterThan(sequence);
      sequence = event.sequence_number;
      order.push(event.type);
      if (event.type === 'response.reasoning_summary_text.delta') summary += event.delta;
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    const final = await stream.finalResponse();
    expect(order[0]).toBe('response.created');
    expect(order.at(-1)).toMatch(/^response\.(completed|incomplete)$/);
    const firstText = order.indexOf('response.output_text.delta');
    const lastSummary = order.lastIndexOf('response.reasoning_summary_text.delta');
    expect(lastSummary).toBeGreaterThanOrEqual(0);
    if (firstText >= 0) expect(lastSummary).toBeLessThan(firstText);
    expect(summary).toMatch(/^Effort low → cot/);
    expect(summaryOf(final)).toBe(summary);
    expect(final.output_text).toBe(text);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('previous_response_id carries the conversation to the next turn; store:false keeps nothing', async () => {
    const first = await client.responses.create({ model: MODEL, input: QUESTION, reasoning: { effort: 'minimal' } });
    const second = await client.responses.create({
      model: MODEL,
      input: 'And what is that plus 1?',
      previous_response_id: first.id,
      reasoning: { effort: 'minimal' },
    });
    expect(second.previous_response_id).toBe(first.id);
    const sent = server.runs[1]?.request.messages ?? [];
    expect(sent.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent[0]!.content).toBe(QUESTION);
    expect(sent[1]!.content).toBe(first.output_text);
    const unstored = await client.responses.create({ model: MODEL, input: QUESTION, store: false, reasoning: { effort: 'minimal' } });
    const error = await client.responses.create({ model: MODEL, input: 'next', previous_response_id: unstored.id }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('errors come in OpenAI shape: unknown model 404, bad effort 400, unknown previous id 404', async () => {
    const failures = await Promise.all(
      [
        { model: 'no-such-model', input: QUESTION },
        { model: MODEL, input: QUESTION, reasoning: { effort: 'sideways' } },
        { model: MODEL, input: QUESTION, previous_response_id: 'resp_0000' },
      ].map((body) =>
        client.responses.create(body as OpenAI.Responses.ResponseCreateParamsNonStreaming).then(
          () => undefined,
          (caught: unknown) => caught,
        ),
      ),
    );
    const [model, effort, previous] = failures as Array<InstanceType<typeof OpenAI.APIError>>;
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    expect(model?.code).toBe('model_not_found');
    expect(effort).toBeInstanceOf(OpenAI.BadRequestError);
    expect(effort?.param).toBe('reasoning.effort');
    expect(previous).toBeInstanceOf(OpenAI.NotFoundError);
    expect(previous?.param).toBe('previous_response_id');
    expect(server.runs).toHaveLength(0);
  });
});
