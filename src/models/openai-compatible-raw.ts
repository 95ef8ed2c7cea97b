/**
 * @module The raw-prompt streams of continuation (`/v1/completions` chunks, Ollama's `/api/generate` NDJSON), read as
 * chat stream chunks so one reader (openai-stream) counts text, logprobs, finish reasons and usage for every endpoint.
 */
import { APIConnectionError, APIError } from 'openai';

type CompletionChoice = { index?: unknown; text?: unknown; finish_reason?: unknown; logprobs?: { token_logprobs?: unknown } | null };

/** One `/v1/completions` stream chunk as a chat chunk (`text` → `delta.content`, `token_logprobs` → `logprobs.content`). */
export function completionChunkAsChat(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const chunk = raw as { choices?: unknown; usage?: unknown };
  if (!Array.isArray(chunk.choices)) return chunk;
  const choices = (chunk.choices as CompletionChoice[]).map((choice) => {
    const logprobs = Array.isArray(choice?.logprobs?.token_logprobs) ? (choice.logprobs.token_logprobs as unknown[]) : [];
    return {
      index: choice?.index,
      delta: { content: typeof choice?.text === 'string' ? choice.text : '' },
      logprobs: { content: logprobs.filter((value) => typeof value === 'number').map((logprob) => ({ logprob })) },
      finish_reason: choice?.finish_reason ?? null,
    };
  });
  return { choices, usage: chunk.usage ?? null };
}

/** The server root of an OpenAI-style base URL (`http://host:11434/v1` → `http://host:11434`). */
export function serverRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}

type OllamaLine = {
  response?: unknown;
  done?: unknown;
  done_reason?: unknown;
  prompt_eval_count?: unknown;
  eval_count?: unknown;
  error?: unknown;
};

/** One POST to `/api/generate`: its response, or the SDK's error classes (so the one retry layer reads them). */
async function postGenerate(url: string, payload: Record<string, unknown>, headers: Record<string, string>, signal: AbortSignal) {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new APIConnectionError({ cause: error instanceof Error ? error : undefined });
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    const parsed = (() => {
      try {
        return JSON.parse(text) as object;
      } catch {
        return { error: text };
      }
    })();
    throw APIError.generate(response.status, parsed, text, response.headers);
  }
  return response.body;
}

/** The NDJSON lines of a body, parsed. */
async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<OllamaLine> {
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = body.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffered += decoder.decode(read.value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as OllamaLine;
    }
  } finally {
    // A consumer that stops early (abort, error) closes the connection instead of leaving it streaming.
    await reader.cancel().catch(() => undefined);
  }
  if (buffered.trim() !== '') yield JSON.parse(buffered) as OllamaLine;
}

/**
 * Ollama raw generation as chat chunks: `n` requests one after another (Ollama has no `n`), choice `i` from the i-th;
 * the usage of all of them in one last chunk.
 */
export async function* ollamaChunks(
  baseURL: string,
  payload: Record<string, unknown>,
  options: { n: number; headers: Record<string, string>; signal: AbortSignal },
): AsyncGenerator<unknown> {
  const url = `${serverRoot(baseURL)}/api/generate`;
  let promptTokens = 0;
  let completionTokens = 0;
  for (let index = 0; index < options.n; index += 1) {
    const body = await postGenerate(url, payload, options.headers, options.signal);
    for await (const line of jsonLines(body)) {
      if (typeof line.error === 'string') throw new Error(`ollama: ${line.error}`);
      const done = line.done === true;
      const text = typeof line.response === 'string' ? line.response : '';
      yield {
        choices: [
          {
            index,
            delta: { content: text },
            finish_reason: done ? (typeof line.done_reason === 'string' ? line.done_reason : 'stop') : null,
          },
        ],
      };
      if (done) {
        promptTokens += typeof line.prompt_eval_count === 'number' ? line.prompt_eval_count : 0;
        completionTokens += typeof line.eval_count === 'number' ? line.eval_count : 0;
      }
    }
  }
  yield { choices: [], usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens } };
}
