/**
 * @module A server on the fake engine in its own process, for the heap check: it prints its port over IPC and answers
 * `heap` messages with the heap used after two full garbage collections (run it with `--expose-gc`).
 */
import { startServer } from '../server/start-server.js';
import { createFakeEngine } from './fake-engine.js';

const collect = (globalThis as { gc?: () => void }).gc;
const server = await startServer({
  engine: createFakeEngine({ recordRequests: false }),
  port: 0,
  logSink: () => {},
  bodyLimitBytes: 8 * 1024 * 1024,
  // A small store, so the heap check can bound what previous_response_id may keep.
  responseStoreMaxBytes: 2 * 1024 * 1024,
});

function heapUsed(): number {
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}

process.on('message', (message) => {
  if (message === 'heap') process.send?.({ heapUsed: heapUsed() });
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send?.({ port: server.port, heapUsed: heapUsed() });
