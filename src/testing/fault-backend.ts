/**
 * @module A local OpenAI-compatible backend that injects faults (429, 500, hangs, stalls, cut streams, garbage) on a
 * share of calls, answers arithmetic questions deterministically otherwise, and bills what it generated.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32 } from '../random/mulberry32.js';

/** The faults: rejections bill nothing; a started answer bills its call and the tokens it sent before the fault. */
export const FAULT_KINDS = [
  'rate-limit', // 429 with retry-after-ms
  'server-error', // 500
  'hang', // accepts, never sends headers (the caller's time limit ends it): a call, 0 tokens
  'stall', // sends some tokens, then nothing more: a call, the tokens sent
  'cut', // sends some tokens, then drops the connection: a call, the tokens sent
  'cut-at-start', // 200, then drops the connection before any token: nothing billed
  'garbage', // sends some tokens, then a line that is not JSON: a call, the tokens sent
  'garbage-at-start', // 200 whose first event is not JSON: nothing billed
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultBackendOptions {
  /** Share of calls that get a fault; default 0.2. */
  faultRate?: number;
  /** Relative weight of each fault kind; default equal. */
  weights?: Partial<Record<FaultKind, number>>;
  /** Seed of the fault draw; default 1. */
  seed?: number;
  /** `retry-after-ms` on 429s; default 5. */
  retryAfterMs?: number;
}

export interface FaultBackendStats {
  requests: number;
  /** Calls per outcome, `ok` for the calls answered without a fault. */
  outcomes: Record<FaultKind | 'ok', number>;
  /** What the backend charges for: calls it started answering, and the completion tokens it sent. */
  billed: { calls: number; promptTokens: number; completionTokens: number };
  /** The same bill per question (the last user message), to compare one request's ledger with it. */
  billedByQuestion: Map<string, { calls: number; completionTokens: number }>;
}

export interface FaultBackend {
  /** `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  readonly stats: FaultBackendStats;
  close(): Promise<void>;
}

type ChatBody = {
  messages?: Array<{ role?: string; content?: unknown }>;
  n?: number;
  max_tokens?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
};

/** The worked answer to the last `a op b` in the question, as the tokens a backend would stream. */
export function answerTokens(question: string): string[] {
  const match = [...question.matchAll(/(-?\d+)\s*([-+*×])\s*(\d+)/g)].at(-1);
  let text = 'I cannot compute that.\nA: 0';
  if (match) {
    const left = BigInt(match[1] ?? '0');
    const right = BigInt(match[3] ?? '0');
    const operator = match[2] === '×' ? '*' : (match[2] ?? '+');
    const value = operator === '+' ? left + right : operator === '-' ? left - right : left * right;
    text = `Let me work out ${left}${operator}${right}.\n${left}${operator}${right}=${value}\nA: ${value}`;
  }
  return text.match(/\s*\d|\s*[^\s\d]+|\s+/g) ?? [text];
}

function questionOf(body: ChatBody): string {
  return String([...(body.messages ?? [])].reverse().find((message) => message.role === 'user')?.content ?? '');
}

const sse = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
const chunkOf = (choices: unknown[], usage: unknown = null) =>
  sse({ id: 'f', object: 'chat.completion.chunk', created: 1, model: 'fault', choices, usage });

/** Starts the backend on a free loopback port. */
export async function startFaultBackend(options: FaultBackendOptions = {}): Promise<FaultBackend> {
  const random = mulberry32(options.seed ?? 1); // seeded, so a seed reproduces the fault sequence
  const faultRate = options.faultRate ?? 0.2;
  const weights = FAULT_KINDS.map((kind) => options.weights?.[kind] ?? 1);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const stats: FaultBackendStats = {
    requests: 0,
    outcomes: Object.fromEntries(['ok', ...FAULT_KINDS].map((kind) => [kind, 0])) as FaultBackendStats['outcomes'],
    billed: { calls: 0, promptTokens: 0, completionTokens: 0 },
    billedByQuestion: new Map(),
  };

  function drawFault(): FaultKind | 'ok' {
    if (random() >= faultRate) return 'ok';
    let pick = random() * totalWeight;
    for (const [index, kind] of FAULT_KINDS.entries()) {
      pick -= weights[index] ?? 0;
      if (pick < 0) return kind;
    }
    return 'ok';
  }

  function bill(body: ChatBody, promptTokens: number, completionTokens: number): void {
    const question = questionOf(body);
    const entry = stats.billedByQuestion.get(question) ?? { calls: 0, completionTokens: 0 };
    stats.billedByQuestion.set(question, { calls: entry.calls + 1, completionTokens: entry.completionTokens + completionTokens });
    stats.billed.calls += 1;
    stats.billed.promptTokens += promptTokens;
    stats.billed.completionTokens += completionTokens;
  }

  function answer(body: ChatBody, response: ServerResponse, outcome: FaultKind | 'ok'): void {
    const prompt = (body.messages ?? []).map((message) => String(message.content ?? '')).join('\n');
    const promptTokens = Math.ceil(prompt.length / 4);
    const n = Math.max(1, Math.min(8, body.n ?? 1));
    const full = answerTokens(questionOf(body));
    const tokens = full.slice(0, body.max_tokens ?? full.length);
    const finish = tokens.length < full.length ? 'length' : 'stop';
    // Choices interleaved token by token, as a batched server streams them.
    const events = tokens.flatMap((token) =>
      Array.from({ length: n }, (_, index) => ({ index, delta: { content: token }, finish_reason: null })),
    );
    const partial = outcome === 'stall' || outcome === 'cut' || outcome === 'garbage';
    // A fault after some tokens sends between one and all but one of them (a stall may send none).
    const sent = partial ? Math.floor(random() * Math.max(1, events.length - 1)) + (outcome === 'stall' ? 0 : 1) : events.length;
    bill(body, promptTokens, sent);
    let payload = events
      .slice(0, sent)
      .map((event) => chunkOf([event]))
      .join('');
    if (!body.stream) {
      const choices = Array.from({ length: n }, (_, index) => ({
        index,
        message: { role: 'assistant', content: tokens.join('') },
        finish_reason: finish,
      }));
      const usage = { prompt_tokens: promptTokens, completion_tokens: sent, total_tokens: promptTokens + sent };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'f', object: 'chat.completion', created: 1, model: 'fault', choices, usage }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    if (outcome === 'stall') {
      response.flushHeaders();
      if (payload) response.write(payload);
      return; // the caller's time limit closes the connection
    }
    if (outcome === 'cut') {
      response.write(payload, () => response.destroy());
      return;
    }
    if (outcome === 'garbage') {
      response.end(`${payload}data: {"choices": [{"index": 0, "delta": {"content": "7\n\n`);
      return;
    }
    payload += chunkOf(Array.from({ length: n }, (_, index) => ({ index, delta: {}, finish_reason: finish })));
    if (body.stream_options?.include_usage)
      payload += chunkOf([], { prompt_tokens: promptTokens, completion_tokens: sent, total_tokens: promptTokens + sent });
    // One write: an answer arrives whole, so a limit that ends the call cannot split what was billed from what was read.
    response.end(`${payload}data: [DONE]\n\n`);
  }

  function handle(body: ChatBody, response: ServerResponse): void {
    stats.requests += 1;
    const outcome = body.stream ? drawFault() : 'ok';
    stats.outcomes[outcome] += 1;
    switch (outcome) {
      case 'rate-limit':
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': String(options.retryAfterMs ?? 5) });
        response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_error' } }));
        return;
      case 'server-error':
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'The server had an error', type: 'server_error' } }));
        return;
      case 'hang':
        bill(body, 0, 0);
        return;
      case 'cut-at-start':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.flushHeaders();
        setTimeout(() => response.destroy(), 1);
        return;
      case 'garbage-at-start':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: <html><body>502 Bad Gateway</body></html>\n\n');
        return;
      default:
        answer(body, response, outcome);
    }
  }

  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      let body: ChatBody;
      try {
        body = JSON.parse(raw) as ChatBody;
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: 'The body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      handle(body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    stats,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
