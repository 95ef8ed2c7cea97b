/** @module The HTTP fuzz suites' shared parts: a status tally, a JSON POST in process, a raw exchange over a socket. */
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/** The smallest valid Responses request, which a fuzz case breaks one field of. */
export const RESPONSES_BASE = { model: 'slowthink-mini', input: 'What is 7 + 5?' };

/** The Responses request fields a fuzz case sets to an odd value (`__proto__` included on purpose). */
export const RESPONSES_FIELDS: readonly string[] = [
  'model',
  'input',
  'instructions',
  'reasoning',
  'max_output_tokens',
  'stream',
  'store',
  'previous_response_id',
  'temperature',
  'top_p',
  'seed',
  'tools',
  'text',
  'slowthink',
  'include',
  '__proto__',
];

/** Counts the fuzz cases by status class (`2xx`, `4xx`, `closed`), for the line each suite prints at the end. */
export class StatusTally {
  cases = 0;
  private readonly counts = new Map<string, number>();

  /** Counts one case: an HTTP status, or 0 when the server closed without one. */
  add(status: number): void {
    this.cases++;
    const kind = status === 0 ? 'closed' : `${Math.floor(status / 100)}xx`;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  /** `<label>: N requests, status classes {...}`. */
  summary(label: string): string {
    return `${label}: ${this.cases} requests, status classes ${JSON.stringify(Object.fromEntries(this.counts))}`;
  }
}

/** An in-process Hono app, as the fuzz suites call it. */
export interface RequestableApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** POSTs `text` as JSON to `path` and reads the whole reply. */
export async function postJson(app: RequestableApp, path: string, text: string): Promise<{ response: Response; reply: string }> {
  const response = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  return { response, reply: await response.text() };
}

/** A connected socket to 127.0.0.1:`port`. */
export async function openSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/** Writes `text` on a fresh socket and collects what comes back until the server closes it. */
export async function rawExchange(port: number, text: string): Promise<string> {
  const socket = await openSocket(port);
  let reply = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    reply += chunk;
  });
  socket.on('error', () => {});
  socket.write(text);
  await once(socket, 'close');
  return reply;
}
