import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Reply = { port?: number; heapUsed: number };

let child: ChildProcess;
let port = 0;
let startHeap = 0;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function ask(message: string): Promise<Reply> {
  const reply = once(child, 'message') as Promise<[Reply]>;
  child.send(message);
  return reply.then(([value]) => value);
}

/** One request over a keep-alive socket, as SDK clients send them; resolves with the status once the body is read. */
function post(body: string, path = '/v1/chat/completions'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function inBatches(count: number, width: number, send: (index: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, offset) => send(start + offset));
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

beforeAll(async () => {
  const script = fileURLToPath(new URL('../testing/memory-server.ts', import.meta.url));
  child = fork(script, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=200', '--expose-gc'], stdio: 'inherit' });
  const [ready] = (await once(child, 'message')) as [Reply];
  port = ready.port ?? 0;
  // A first request of each kind warms the code paths (module caches, JIT) so they are not counted as kept memory.
  await post(JSON.stringify({ model: 'slowthink', messages: [{ role: 'user', content: 'What is 1 + 1?' }], stream: true }));
  await post(JSON.stringify({ model: 'slowthink', messages: [{ role: 'user', content: 'What is 1 + 1?' }] }));
  await post(JSON.stringify({ model: 'slowthink', input: 'What is 1 + 1?', stream: true }), '/v1/responses');
  await post(JSON.stringify({ model: 'slowthink', input: 'What is 1 + 1?', store: false }), '/v1/responses');
  startHeap = (await ask('heap')).heapUsed;
}, 30_000);

afterAll(async () => {
  agent.destroy();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.send('stop');
  else child.kill();
  await exited;
});

describe('the server keeps no memory per request (a 200 MB heap, in its own process)', () => {
  it('serves 60 bodies of 3.5 MB and 1,000 small requests, and its heap comes back near its start', async () => {
    const large = 'What is 2 + 2? '.repeat(Math.ceil((3.5 * 1024 * 1024) / 15));
    const big = await inBatches(60, 4, (index) =>
      post(JSON.stringify({ model: 'slowthink', messages: [{ role: 'user', content: large }], stream: index % 2 === 0 })),
    );
    expect(big.every((status) => status === 200)).toBe(true);
    const small = await inBatches(1000, 20, (index) => {
      const kind = index % 4;
      const body =
        kind === 3
          ? { model: 'nope', messages: [{ role: 'user', content: 'x' }] } // a 404 path too
          : {
              model: 'slowthink',
              messages: [{ role: 'user', content: `What is ${index} + 1?` }],
              stream: kind === 0,
              n: kind === 2 ? 2 : 1,
            };
      return post(JSON.stringify(body));
    });
    expect(small.filter((status) => status === 200)).toHaveLength(750);
    expect(small.filter((status) => status === 404)).toHaveLength(250);
    const endHeap = (await ask('heap')).heapUsed;
    const grownMb = (endHeap - startHeap) / 1024 / 1024;
    console.log(`heap before ${(startHeap / 1024 / 1024).toFixed(1)} MB, after ${(endHeap / 1024 / 1024).toFixed(1)} MB`);
    // One kept 3.5 MB body would already be 3.5 MB; the leak kept ~2x every body (the server died after a few dozen).
    expect(grownMb).toBeLessThan(3);
  }, 60_000);

  it('on /v1/responses keeps at most its bounded store: 30 bodies of 3.5 MB and 1,000 small turns', async () => {
    const before = (await ask('heap')).heapUsed;
    const large = 'What is 2 + 2? '.repeat(Math.ceil((3.5 * 1024 * 1024) / 15));
    const big = await inBatches(30, 4, (index) =>
      post(JSON.stringify({ model: 'slowthink', input: large, stream: index % 2 === 0 }), '/v1/responses'),
    );
    expect(big.every((status) => status === 200)).toBe(true);
    const small = await inBatches(1000, 20, (index) => {
      const kind = index % 4;
      const body =
        kind === 3
          ? { model: 'slowthink', input: 'x', previous_response_id: `resp_unknown${index}` } // a 404 path too
          : { model: 'slowthink', input: `What is ${index} + 1?`, stream: kind === 0, store: kind !== 2 };
      return post(JSON.stringify(body), '/v1/responses');
    });
    expect(small.filter((status) => status === 200)).toHaveLength(750);
    expect(small.filter((status) => status === 404)).toHaveLength(250);
    const grownMb = ((await ask('heap')).heapUsed - before) / 1024 / 1024;
    console.log(`responses: heap grew ${grownMb.toFixed(1)} MB (store bound 2 MiB of text)`);
    // Kept: the store (2 MiB of text at most, plus its entries' overhead); a kept 3.5 MB body alone would pass 3 MB.
    expect(grownMb).toBeLessThan(3);
  }, 60_000);
});
