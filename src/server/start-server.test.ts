import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeEngine } from '../testing/fake-engine.js';
import { openSocket, rawExchange } from '../testing/http-fuzz.js';
import { type RunningServer, startServer } from './start-server.js';

const question = [{ role: 'user', content: 'What is 40 + 2?' }];
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startServer', () => {
  it('binds 127.0.0.1 by default and serves /health', async () => {
    server = await startServer({ engine: createFakeEngine(), port: 0, logSink: () => {} });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await (await fetch(`${server.url}/health`)).json()).status).toBe('ok');
  });

  it('says the port is in use as a ST_CONFIG error with a hint', async () => {
    server = await startServer({ engine: createFakeEngine(), port: 0, logSink: () => {} });
    await expect(startServer({ engine: createFakeEngine(), port: server.port, logSink: () => {} })).rejects.toMatchObject({
      code: 'ST_CONFIG',
      message: expect.stringContaining('the port is in use'),
    });
  });

  it('aborts the engine run when a streaming client disconnects, and frees its slot', async () => {
    const engine = createFakeEngine({ delayMs: 30, samples: 20 });
    server = await startServer({ engine, port: 0, logSink: () => {} });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slowthink', messages: question, stream: true }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('data: ');
    controller.abort();
    await until(() => engine.aborted === 1);
    expect(engine.finished).toBe(0);
    let active = -1;
    for (let attempt = 0; attempt < 100 && active !== 0; attempt++) {
      active = (await (await fetch(`${server.url}/health`)).json()).active_runs;
      if (active !== 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(active).toBe(0);
  });

  it('aborts the engine run when a non-streaming client disconnects', async () => {
    const engine = createFakeEngine({ delayMs: 30, samples: 20 });
    server = await startServer({ engine, port: 0, logSink: () => {} });
    const controller = new AbortController();
    const pending = fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'slowthink', messages: question }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await until(() => engine.requests.length === 1);
    controller.abort();
    await pending;
    await until(() => engine.aborted === 1);
    expect(engine.finished).toBe(0);
  });

  it('answers 408 and closes a connection whose body never finishes (a partial body held it for 300 s)', async () => {
    server = await startServer({ engine: createFakeEngine(), port: 0, logSink: () => {}, headersTimeoutMs: 200, requestTimeoutMs: 300 });
    const started = performance.now();
    const reply = await rawExchange(
      server.port,
      'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"model":',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).toBeLessThan(2000);
    const headersOnly = await rawExchange(server.port, 'GET /health HTTP/1.1\r\nHost: x\r\n');
    expect(headersOnly).toMatch(/^HTTP\/1\.1 408/);
  });

  it('caps open connections: past the cap a new socket is closed at once, and the server still answers after', async () => {
    server = await startServer({ engine: createFakeEngine(), port: 0, logSink: () => {}, maxConnections: 2 });
    const held = [await openSocket(server.port), await openSocket(server.port)];
    const third = await openSocket(server.port);
    third.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const [refused] = await Promise.race([once(third, 'close').then(() => ['closed']), once(third, 'data').then(() => ['answered'])]);
    expect(refused).toBe('closed');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
