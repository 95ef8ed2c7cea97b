import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { question, createTestApp as setup, streamChunks } from '../testing/test-app.js';

describe('POST /v1/chat/completions, streaming', () => {
  it('streams role, live reasoning, then content, finish, usage and [DONE]', async () => {
    const { post } = setup();
    const response = await post({ model: 'slowthink', messages: question, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    const { data, chunks } = await streamChunks(response);
    expect(data.at(-1)).toBe('[DONE]');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const deltas = chunks.filter((chunk) => chunk.choices.length > 0).map((chunk) => chunk.choices[0].delta);
    for (const delta of deltas) expect(delta.reasoning_content !== undefined && delta.content !== undefined).toBe(false);
    const firstContent = deltas.findIndex((delta) => delta.content);
    const lastReasoning = deltas.findLastIndex((delta) => delta.reasoning_content);
    expect(lastReasoning).toBeGreaterThan(0);
    expect(lastReasoning).toBeLessThan(firstContent);
    const reasoning = deltas.map((delta) => delta.reasoning ?? '').join('');
    expect(reasoning).toBe(deltas.map((delta) => delta.reasoning_content ?? '').join(''));
    expect(reasoning).toContain('### Sample 1/3\nLet me add the numbers. So it is 42.');
    expect(deltas.map((delta) => delta.content ?? '').join('')).toBe('The answer is 42');
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish.choices[0].finish_reason).toBe('stop');
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens_details.reasoning_tokens).toBe(36);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams n choices, each with its own role chunk, reasoning, content and finish, and one usage chunk', async () => {
    const { post } = setup();
    const { data, chunks } = await streamChunks(
      await post({ model: 'slowthink', messages: question, n: 2, stream: true, stream_options: { include_usage: true } }),
    );
    expect(data.at(-1)).toBe('[DONE]');
    for (const index of [0, 1]) {
      const own = chunks.filter((chunk) => chunk.choices[0]?.index === index).map((chunk) => chunk.choices[0]);
      expect(own[0].delta).toEqual({ role: 'assistant', content: '' });
      expect(own.map((choice) => choice.delta.content ?? '').join('')).toBe('The answer is 42');
      expect(own.map((choice) => choice.delta.reasoning_content ?? '').join('')).toContain('Vote: 3/3 → 42');
      expect(own.filter((choice) => choice.finish_reason !== null)).toHaveLength(1);
    }
    expect(chunks.filter((chunk) => chunk.choices.length === 0)).toHaveLength(1);
    expect(chunks.at(-1).usage.completion_tokens).toBe(80);
  });

  it('sends no usage chunk unless include_usage is set', async () => {
    const { post } = setup();
    const { chunks } = await streamChunks(await post({ model: 'slowthink', messages: question, stream: true }));
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
  });

  it('sends keep-alive comments during silent phases', async () => {
    const { post } = setup({ delayMs: 60, samples: 1 }, { keepAliveMs: 40 });
    const { events } = await streamChunks(await post({ model: 'slowthink', messages: question, stream: true }));
    expect(events.filter((event) => event.kind === 'comment' && event.text === 'keep-alive').length).toBeGreaterThan(0);
  });

  it('reports a limit that stopped the run before any answer as an empty answer with finish_reason length', async () => {
    const budgetError = new SlowthinkError(ERROR_CODES.BUDGET_TOO_SMALL, 'The tokens limit stopped the request before any answer', {
      param: 'budget.maxTokens',
    });
    const { post } = setup({ failAfterEvents: 7, failWith: budgetError });
    const body = await (await post({ model: 'slowthink', messages: question, max_completion_tokens: 20 })).json();
    expect(body.choices[0].message.content).toBe('');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.choices[0].message.reasoning_content).toMatch(
      /### Sample 1\/3[\s\S]*Stopped: The tokens limit stopped the request before any answer\.\n$/,
    );
    expect(body.usage).toMatchObject({
      completion_tokens: 12,
      completion_tokens_details: { reasoning_tokens: 12 },
      x_slowthink: { stopped_by: 'tokens' },
    });
    const { data, chunks } = await streamChunks(
      await post({ model: 'slowthink', messages: question, stream: true, stream_options: { include_usage: true } }),
    );
    expect(data.at(-1)).toBe('[DONE]');
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('length');
    expect(chunks.at(-1).usage.completion_tokens).toBe(12);
  });

  it('reports a failure after streaming began as a data error event and no [DONE]', async () => {
    const { post, logs } = setup({ failAfterEvents: 4 });
    const { data, chunks } = await streamChunks(await post({ model: 'slowthink', messages: question, stream: true }));
    expect(data).not.toContain('[DONE]');
    const last = chunks.at(-1);
    expect(last.error).toMatchObject({ type: 'server_error', code: 'upstream_error', x_slowthink_code: 'ST_MODEL_CALL_FAILED' });
    expect(chunks.some((chunk) => chunk.choices?.[0]?.delta?.reasoning_content)).toBe(true);
    expect(logs.at(-1)).toMatchObject({ status: 200, stream_error: 'upstream_error' });
  });

  it('hides the reasoning deltas when reasoning.exclude is set', async () => {
    const { post } = setup();
    const { chunks } = await streamChunks(
      await post({ model: 'slowthink', messages: question, stream: true, reasoning: { exclude: true } }),
    );
    expect(chunks.some((chunk) => chunk.choices[0]?.delta?.reasoning_content)).toBe(false);
    expect(chunks.some((chunk) => chunk.choices[0]?.delta?.content)).toBe(true);
  });
});
