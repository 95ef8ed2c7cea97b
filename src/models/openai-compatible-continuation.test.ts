import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../spec/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { openStream, type ScriptedBackend, sseChunk, startScriptedBackend } from '../testing/scripted-backend.js';
import { beam } from '../think/search/beam.js';
import { createOpenAICompatibleModel } from './openai-compatible.js';
import { type ContinuationMode, continuationFromEnvironment, renderPrompt } from './openai-compatible-continuation.js';

let backend: ScriptedBackend;
const paths: string[] = [];
/** Ollama has no `n`: its first-line requests alternate between the slip (even) and the right line (odd). */
let ollamaFirstLines = 0;
beforeAll(async () => {
  backend = await startScriptedBackend();
});
afterAll(() => backend.close());

function model(continuation: ContinuationMode, promptTemplate: 'chatml' | 'llama3' = 'chatml') {
  return createOpenAICompatibleModel({
    model: 'm',
    provider: 'vllm',
    baseURL: backend.baseURL,
    continuation,
    promptTemplate,
    retryDelayMs: { base: 1, max: 5 },
  });
}

const question = 'What is 6*7+1?';
const step: GenerateRequest = {
  messages: [{ role: 'user', content: question }],
  prefix: '6*7=42\n',
  n: 2,
  stop: ['\n'],
  maxTokens: 16,
  temperature: 0.7,
  seed: 3,
  logprobs: true,
};

/** The assistant text a request continues, read from whichever wire format it came in. */
function prefixOf(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt.split('<|im_start|>assistant\n')[1] ?? '';
  const messages = body.messages as Array<{ role: string; content: string }>;
  const last = messages.at(-1);
  return last?.role === 'assistant' ? last.content : '';
}

/** A thinker that writes 6*7+1 line by line; the first line of sample 0 slips (6*7=43). */
function nextText(prefix: string, index: number, stepCall: boolean): string {
  const lines = prefix.split('\n').slice(0, -1);
  const next = (chain: string[]) => {
    if (chain.length === 0) return index === 0 ? '6*7=43' : '6*7=42';
    if (chain.length === 1) return chain[0] === '6*7=42' ? '42+1=43' : '43+1=44';
    return `Answer: ${chain.at(-1)?.split('=')[1] ?? ''}`;
  };
  if (stepCall) return next(lines);
  const written: string[] = [];
  for (let chain = [...lines]; !chain.at(-1)?.startsWith('Answer'); chain = [...chain, next(chain)]) written.push(next(chain));
  return written.join('\n');
}

/** Answers chat, completions and Ollama generate requests with the thinker, each in its own wire format. */
function serveThinker(body: Record<string, unknown>, response: ServerResponse, url: string) {
  paths.push(url);
  const stepCall = Array.isArray(body.stop) || Array.isArray((body.options as { stop?: unknown } | undefined)?.stop);
  const n = typeof body.n === 'number' ? body.n : 1;
  if (url.endsWith('/api/generate')) {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const prefix = prefixOf(body);
    const text = nextText(prefix, prefix === '' ? ollamaFirstLines++ % 2 : 1, stepCall);
    response.write(`${JSON.stringify({ response: text, done: false })}\n`);
    response.end(`${JSON.stringify({ response: '', done: true, done_reason: 'stop', prompt_eval_count: 11, eval_count: 3 })}\n`);
    return;
  }
  openStream(response);
  for (let index = 0; index < n; index += 1) {
    const text = nextText(prefixOf(body), index, stepCall);
    const choice =
      url.endsWith('/completions') && !url.endsWith('/chat/completions')
        ? { index, text, logprobs: { token_logprobs: [-0.25, -0.5] }, finish_reason: 'stop' }
        : { index, delta: { content: text }, finish_reason: 'stop' };
    response.write(sseChunk([choice]));
  }
  response.write(sseChunk([], { prompt_tokens: 20, completion_tokens: 4 * n }));
  response.end('data: [DONE]\n\n');
}

describe('openai-compatible continuation: wire formats', () => {
  it('vLLM chat: the prefix as a final assistant message with continue_final_message, no generation prompt', async () => {
    backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
    const result = await model('continue-final-message').doGenerate(step);
    const sent = backend.bodies.at(-1) ?? {};
    expect(paths.at(-1)).toBe('/v1/chat/completions');
    expect(sent).toMatchObject({ continue_final_message: true, add_generation_prompt: false, n: 2, stop: ['\n'], seed: 3 });
    expect(sent.messages).toEqual([
      { role: 'user', content: question },
      { role: 'assistant', content: '6*7=42\n' },
    ]);
    expect(result.samples.map((sample) => sample.text)).toEqual(['42+1=43', '42+1=43']);
    expect(result.warnings).toEqual([]);
  });

  it('assistant-prefix: the final assistant message flagged prefix: true (DeepSeek beta, Mistral)', async () => {
    backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
    await model('assistant-prefix').doGenerate(step);
    const messages = backend.bodies.at(-1)?.messages as unknown[];
    expect(messages.at(-1)).toEqual({ role: 'assistant', content: '6*7=42\n', prefix: true });
    expect(backend.bodies.at(-1)).not.toHaveProperty('continue_final_message');
  });

  it('/v1/completions: a raw prompt in the template ending inside the assistant turn; text, logprobs and usage read back', async () => {
    backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
    const result = await model('completions').doGenerate(step);
    const sent = backend.bodies.at(-1) ?? {};
    expect(paths.at(-1)).toBe('/v1/completions');
    expect(sent.prompt).toBe(`<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n6*7=42\n`);
    expect(sent).toMatchObject({ max_tokens: 16, logprobs: 1, n: 2, stop: ['\n'], temperature: 0.7, stream: true });
    expect(sent).not.toHaveProperty('messages');
    expect(result.samples.map((sample) => [sample.text, sample.finishReason, sample.tokenLogprobs])).toEqual([
      ['42+1=43', 'stop', [-0.25, -0.5]],
      ['42+1=43', 'stop', [-0.25, -0.5]],
    ]);
    expect(result.usage).toMatchObject({ promptTokens: 20, completionTokens: 8 });
  });

  it('Ollama raw: /api/generate with raw: true and options, one request per sample, usage summed', async () => {
    backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
    paths.length = 0;
    const result = await model('ollama-raw').doGenerate(step);
    expect(paths).toEqual(['/api/generate', '/api/generate']);
    const sent = backend.bodies.at(-1) ?? {};
    expect(sent).toEqual({
      model: 'm',
      prompt: `<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n6*7=42\n`,
      raw: true,
      stream: true,
      options: { num_predict: 16, temperature: 0.7, seed: 3, stop: ['\n'] },
    });
    expect(result.samples.map((sample) => [sample.text, sample.finishReason])).toEqual([
      ['42+1=43', 'stop'],
      ['42+1=43', 'stop'],
    ]);
    expect(result.usage).toMatchObject({ promptTokens: 22, completionTokens: 6 });
  });

  it('Ollama raw: a backend error is the usual status error, not a crash', async () => {
    backend.handle((_body, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: "model 'm' not found" }));
    });
    await expect(model('ollama-raw').doGenerate(step)).rejects.toMatchObject({ code: 'ST_MODEL_CALL_FAILED', upstreamStatus: 404 });
  });

  it('Ollama raw: an abort mid-stream keeps the partial line, cut (abort), and closes the stream', async () => {
    let closed = false;
    backend.handle((_body, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.write(`${JSON.stringify({ response: '42+', done: false })}\n`);
      response.on('close', () => {
        closed = true;
      });
      // then the backend stalls: the caller's abort ends the call
    });
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = model('ollama-raw').doGenerate({
      ...step,
      n: 1,
      signal: controller.signal,
      onDelta: (_index, delta) => deltas.push(delta),
    });
    while (deltas.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const result = await pending;
    expect(result.samples.map((sample) => [sample.text, sample.finishReason])).toEqual([['42+', 'abort']]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it('declares continuation only when a mode is configured; without one the prefix is dropped with a warning', async () => {
    backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
    expect(model('continue-final-message').capabilities.continuation).toBe(true);
    const plain = model('none');
    expect(plain.capabilities.continuation).toBe(false);
    const result = await plain.doGenerate(step);
    expect(backend.bodies.at(-1)?.messages).toHaveLength(1);
    expect(result.warnings.map((warning) => warning.feature)).toEqual(['prefix']);
  });

  it('renders the llama3 template', () => {
    const prompt = renderPrompt(
      'llama3',
      [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      'Hel',
    );
    expect(prompt).toBe(
      '<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\nHel',
    );
  });
});

describe('openai-compatible continuation: per provider', () => {
  it('vLLM continues by default; Ollama and other servers only when opted in; OpenAI never', () => {
    expect(continuationFromEnvironment('vllm', {}).continuation).toBe('continue-final-message');
    expect(continuationFromEnvironment('vllm', { SLOWTHINK_VLLM_CONTINUATION: 'none' }).continuation).toBe('none');
    expect(continuationFromEnvironment('ollama', {}).continuation).toBe('none');
    expect(continuationFromEnvironment('ollama', { SLOWTHINK_OLLAMA_CONTINUATION: 'ollama-raw' }).continuation).toBe('ollama-raw');
    expect(continuationFromEnvironment('openai-compatible', {}).continuation).toBe('none');
    const optedIn = continuationFromEnvironment('openai-compatible', {
      SLOWTHINK_OPENAI_CONTINUATION: 'completions',
      SLOWTHINK_PROMPT_TEMPLATE: 'llama3',
    });
    expect(optedIn).toEqual({ continuation: 'completions', promptTemplate: 'llama3' });
    expect(continuationFromEnvironment('openai', { SLOWTHINK_OPENAI_CONTINUATION: 'completions' }).continuation).toBe('none');
  });

  it('rejects an unknown mode or template naming the variable and the valid values', () => {
    expect(() => continuationFromEnvironment('vllm', { SLOWTHINK_VLLM_CONTINUATION: 'yes' })).toThrow(
      expect.objectContaining({ code: 'ST_CONFIG', param: 'SLOWTHINK_VLLM_CONTINUATION' }),
    );
    expect(() => continuationFromEnvironment('vllm', { SLOWTHINK_PROMPT_TEMPLATE: 'alpaca' })).toThrow(/chatml, llama3/);
  });
});

describe('beam search on a chat backend through continuation', () => {
  for (const mode of ['continue-final-message', 'completions', 'ollama-raw'] as const) {
    it(`${mode}: grows lines through the backend, prunes the slip, and answers from the kept chain`, async () => {
      backend.handle((body, response, request) => serveThinker(body, response, request.url ?? ''));
      const first = backend.bodies.length;
      const { result, events } = await runStrategy({ strategy: beam, model: model(mode), question, options: { beamWidth: 1, branch: 2 } });
      const lines = events.flatMap((event) => (event.type === 'thought-end' ? [event.text] : []));
      expect(lines).toEqual(expect.arrayContaining(['6*7=43', '6*7=42'])); // the backend did write the slip
      const prefixes = backend.bodies.slice(first).map(prefixOf);
      expect(result.details?.fallback).toBeUndefined();
      expect(result.answer).toBe('43');
      expect(result.reasoning).toBe('6*7=42\n42+1=43');
      // The chain grew one line per call, each call continuing the kept chain; the slipped line was never continued.
      expect(prefixes).toEqual(expect.arrayContaining(['', '6*7=42\n', '6*7=42\n42+1=43\n']));
      expect(prefixes.filter((prefix) => prefix.startsWith('6*7=43'))).toEqual([]);
    });
  }
});
