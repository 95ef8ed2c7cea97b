/** @module The app on a scripted fake engine, with a request helper and an SSE reader, for the server's unit tests. */
import { type CreateAppOptions, createApp } from '../server/create-app.js';
import { createFakeEngine, type FakeEngineOptions } from './fake-engine.js';
import { parseSse } from './read-sse.js';

/** A question for every test. */
export const question = [{ role: 'user', content: 'What is 40 + 2?' }];

/** An app on a fake engine, the engine, a POST helper and the log lines. */
export function createTestApp(engineOptions: FakeEngineOptions = {}, appOptions: Partial<CreateAppOptions> = {}) {
  const engine = createFakeEngine(engineOptions);
  const logs: Array<Record<string, unknown>> = [];
  const app = createApp({ engine, logSink: (line) => logs.push(line), ...appOptions });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { engine, app, post, logs };
}

/** Reads a streamed response: its SSE events, data payloads, and parsed chunks. */
export async function streamChunks(response: Response) {
  const events = parseSse(await response.text());
  const data = events.filter((event) => event.kind === 'data').map((event) => event.data);
  return { events, data, chunks: data.filter((line) => line !== '[DONE]').map((line) => JSON.parse(line)) };
}
