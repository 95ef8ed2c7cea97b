/**
 * @module `npm run bench:server`: N concurrent streaming clients against the server on the embedded model; prints p50/p95
 * time to first reasoning byte, answers per second and errors.
 *
 *   npm run bench:server -- [--clients 100] [--effort low] [--model slowthink-mini] [--url http://127.0.0.1:8080] [--json]
 *
 * Without --url it starts the real server in this process (real engine, --max-concurrency = clients) on a free port;
 * `--weights PATH` serves the embedded model from another GGUF (a training checkpoint) instead of models/.
 */
import { parseArgs } from 'node:util';
import { streamReason } from '../src/engine/index.js';
import { createEmbeddedModel } from '../src/models/embedded.js';
import { startServer } from '../src/server/index.js';
import type { StartServerOptions } from '../src/server/start-server.js';

interface ClientTiming {
  status: number;
  firstByteMs?: number;
  firstReasoningMs?: number;
  firstContentMs?: number;
  doneMs?: number;
  error?: string;
}

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    effort: { type: 'string', default: 'low' },
    model: { type: 'string', default: 'slowthink-mini' },
    url: { type: 'string' },
    weights: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function percentile(sorted: number[], fraction: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** A different small sum per client, so no two requests are the same prompt. */
function question(index: number): string {
  return `What is ${100 + ((index * 37) % 800)} + ${10 + ((index * 53) % 90)}?`;
}

/** One streaming client: reads the SSE body as it arrives and notes when each kind of byte first shows up. */
async function runClient(baseURL: string, index: number, started: number): Promise<ClientTiming> {
  const since = () => performance.now() - started;
  const response = await fetch(`${baseURL}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: values.model,
      reasoning_effort: values.effort,
      stream: true,
      messages: [{ role: 'user', content: question(index) }],
    }),
  });
  const timing: ClientTiming = { status: response.status };
  if (response.status !== 200 || !response.body)
    return { ...timing, error: `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}` };
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    timing.firstByteMs ??= since();
    buffer += decoder.decode(read.value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      if (!event.startsWith('data: ')) continue;
      const data = event.slice(6);
      if (data === '[DONE]') {
        timing.doneMs = since();
        continue;
      }
      const chunk = JSON.parse(data);
      if (chunk.error) timing.error = `stream error: ${chunk.error.message}`;
      const delta = chunk.choices?.[0]?.delta ?? {};
      if (delta.reasoning_content) timing.firstReasoningMs ??= since();
      if (delta.content) timing.firstContentMs ??= since();
    }
  }
  if (timing.doneMs === undefined && !timing.error) timing.error = 'stream ended without [DONE]';
  return timing;
}

async function main(): Promise<void> {
  const clients = Number(values.clients);
  const options: StartServerOptions = { port: 0, maxConcurrency: clients, logSink: () => {} };
  if (values.weights) {
    const model = await createEmbeddedModel({ tier: values.model === 'slowthink' ? 'full' : 'mini', path: values.weights });
    options.engine = { streamReason: (request) => streamReason({ ...request, model }) };
  }
  const server = values.url ? undefined : await startServer(options);
  const baseURL = values.url ?? server!.url;
  try {
    // Warm up: load the model once and open the N keep-alive connections (clients reuse theirs, as SDKs do), so the
    // figures measure serving, not loading weights or TCP handshakes.
    const warm = await runClient(baseURL, -1, performance.now());
    if (warm.error) throw new Error(`warm-up request failed: ${warm.error}`);
    await Promise.all(Array.from({ length: clients }, async () => (await fetch(`${baseURL}/health`)).text()));
    const started = performance.now();
    const timings = await Promise.all(
      Array.from({ length: clients }, (_, index) =>
        runClient(baseURL, index, started).catch((error: unknown) => ({ status: 0, error: String(error) }) as ClientTiming),
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const sorted = (read: (timing: ClientTiming) => number | undefined) =>
      timings
        .map(read)
        .filter((value): value is number => value !== undefined)
        .sort((a, b) => a - b);
    const firstReasoning = sorted((timing) => timing.firstReasoningMs);
    const firstContent = sorted((timing) => timing.firstContentMs);
    const done = sorted((timing) => timing.doneMs);
    const errors = timings.filter((timing) => timing.error !== undefined);
    const summary = {
      clients,
      model: values.model,
      effort: values.effort,
      server: values.url ? values.url : 'in-process',
      weights: values.weights ?? 'models/',
      wall_seconds: Number(wallSeconds.toFixed(2)),
      answers: done.length,
      answers_per_second: Number((done.length / wallSeconds).toFixed(2)),
      errors: errors.length,
      first_reasoning_ms: { p50: percentile(firstReasoning, 0.5), p95: percentile(firstReasoning, 0.95) },
      first_content_ms: { p50: percentile(firstContent, 0.5), p95: percentile(firstContent, 0.95) },
      done_ms: { p50: percentile(done, 0.5), p95: percentile(done, 0.95) },
      error_samples: [...new Set(errors.map((timing) => timing.error))].slice(0, 3),
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${Math.round(value)} ms`);
      process.stdout.write(
        [
          `${clients} concurrent streams · ${values.model} · effort ${values.effort} · server ${summary.server}`,
          `first reasoning byte  p50 ${ms(summary.first_reasoning_ms.p50)}  p95 ${ms(summary.first_reasoning_ms.p95)}`,
          `first answer byte     p50 ${ms(summary.first_content_ms.p50)}  p95 ${ms(summary.first_content_ms.p95)}`,
          `complete              p50 ${ms(summary.done_ms.p50)}  p95 ${ms(summary.done_ms.p95)}`,
          `answers ${summary.answers} in ${summary.wall_seconds} s = ${summary.answers_per_second}/s · errors ${summary.errors}`,
          ...summary.error_samples.map((sample) => `  e.g. ${sample}`),
          '',
        ].join('\n'),
      );
    }
    process.exitCode = errors.length === 0 ? 0 : 1;
  } finally {
    await server?.close();
  }
}

await main();
