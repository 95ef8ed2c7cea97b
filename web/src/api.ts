/** @module The app's only way to the server: same-origin fetch with the API key (from the login cookie), SSE over POST. */
import type { TraceEvent } from '../../src/spec/index.js';

/** The key the server's login page put in a same-site cookie; sent as a bearer token like any API client's. */
function apiKey(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'slowthink_key') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function headers(json = false): HeadersInit {
  const key = apiKey();
  return { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}) };
}

/** An API failure, with the server's OpenAI-style message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return new ApiFailure(response.status, body.error?.message ?? response.statusText);
  } catch {
    return new ApiFailure(response.status, response.statusText);
  }
}

/** GET a JSON endpoint. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: headers(), ...(signal ? { signal } : {}) });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** The stream's final word: the answer and the ledger, or the failure. */
export interface RunResult {
  answer: string | null;
  text: string;
  model: string;
  effort: string;
  strategy: string;
  finish_reason: string;
  stopped_by: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; reasoning_tokens: number };
  totals: {
    calls: number;
    samples: number;
    seconds: number;
    costUsd: number;
    byPhase: Record<string, { calls: number; promptTokens: number; completionTokens: number; costUsd: number }>;
  };
  cost_usd: number;
  seconds: number;
  samples: number;
  calls: number;
  warnings: string[];
}

export type StreamItem = { type: 'event'; event: TraceEvent } | { type: 'result'; result: RunResult } | { type: 'failed'; message: string };

/** What the playground sends: the same knobs as `slowthink ask`. */
export interface RunRequest {
  model: string;
  question: string;
  effort: string;
  slowthink?: {
    strategy?: string;
    options?: Record<string, unknown>;
    max_tokens?: number;
    max_usd?: number;
    max_seconds?: number;
    max_calls?: number;
  };
}

/** Starts a run and hands each streamed item to `onItem`; aborting `signal` closes the stream, which stops the run. */
export async function streamRun(request: RunRequest, onItem: (item: StreamItem) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch('/v1/slowthink/runs', { method: 'POST', headers: headers(true), body: JSON.stringify(request), signal });
  if (!response.ok || response.body === null) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (!block.startsWith('data: ')) continue; // keep-alive comments
      const data = JSON.parse(block.slice(6)) as { type: string; result?: RunResult; error?: { message: string } };
      if (data.type === 'result' && data.result) onItem({ type: 'result', result: data.result });
      else if (data.type === 'failed') onItem({ type: 'failed', message: data.error?.message ?? 'The run failed.' });
      else onItem({ type: 'event', event: data as TraceEvent });
    }
  }
}
