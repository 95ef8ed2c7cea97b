/** @module A local HTTP backend whose answer to each request a test scripts, for OpenAI-compatible client tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type BackendHandler = (body: Record<string, unknown>, response: ServerResponse, request: IncomingMessage) => void;

export interface ScriptedBackend {
  /** `http://127.0.0.1:PORT/v1`. */
  readonly baseURL: string;
  /** Bodies of every request, in arrival order. */
  readonly bodies: Array<Record<string, unknown>>;
  /** Answers the next requests with `handler`. */
  handle(handler: BackendHandler): void;
  /** Requests received since the last `handle`. */
  attempts(): number;
  close(): Promise<void>;
}

/** Starts a backend on a free loopback port; it answers 500 until a handler is set. */
export async function startScriptedBackend(): Promise<ScriptedBackend> {
  const bodies: Array<Record<string, unknown>> = [];
  let handler: BackendHandler = (_body, response) => {
    response.writeHead(500);
    response.end();
  };
  let count = 0;
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      count += 1;
      bodies.push(body);
      handler(body, response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    bodies,
    handle(next) {
      handler = next;
      count = 0;
    },
    attempts: () => count,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One `data:` line of a chat completion stream. */
export function sseChunk(choices: unknown[], usage: unknown = null): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices, usage })}\n\n`;
}

/** One streamed token of choice `index`. */
export function sseToken(content: string, index = 0): string {
  return sseChunk([{ index, delta: { content }, finish_reason: null }]);
}

/** Opens a 200 event stream. */
export function openStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
}

/** A whole streamed answer: the tokens, a stop, the usage chunk, `[DONE]`. */
export function streamAnswer(response: ServerResponse, tokens: string[], usage = { prompt_tokens: 7, completion_tokens: tokens.length }) {
  openStream(response);
  for (const text of tokens) response.write(sseToken(text));
  response.write(sseChunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
  response.write(sseChunk([], usage));
  response.end('data: [DONE]\n\n');
}

/** A JSON response (errors, non-streamed answers). */
export function jsonResponse(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
