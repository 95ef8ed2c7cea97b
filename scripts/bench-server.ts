/**
 * @module `npm run bench:server`: N concurrent streaming clients against the server on the embedded model; prints p50/p95
 * time to first reasoning byte, answers per second and errors.
 *
 *   npm run bench:server -- [--clients 100] [--max-concurrency 64] [--effort low] [--model slowthink-mini] [--url http://127.0.0.1:8080] [--json]
 *
 * Without --url it starts `slowthink serve --port 0 --max-concurrency M` (default: the server's default, 64) as a
 * child process, so the clients (this
 * process) and the server do not share one event loop, as in any real deployment. `--in-process` runs the server in
 * this process instead; with `--weights PATH` it serves the embedded model from another GGUF (a training checkpoint).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { percentile } from '../src/bench/statistics/statistics.js';
import { streamReason } from '../src/engine/index.js';
import { createEmbeddedModel } from '../src/models/embedded.js';
import { startServer } from '../src/server/index.js';
import type { StartServerOptions } from '../src/server/start-server.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

interface ClientTiming {
  status: number;
  /** Milliseconds the request waited in the server's queue (`x-slowthink-queued-ms`). */
  queuedMs?: number;
  firstByteMs?: number;
  firstReasoningMs?: number;
  firstContentMs?: number;
  doneMs?: number;
  error?: string;
  /** The answer's last number is the right sum (the model's accuracy, not the server's). */
  correct?: boolean;
}

const USAGE = `Usage: npm run bench:server -- [--clients 100] [--max-concurrency 64] [--effort low] [--model slowthink-mini]
       [--url http://127.0.0.1:8080] [--in-process] [--weights FILE.gguf] [--json]
N concurrent streaming clients against the server: p50/p95 time to first reasoning byte, answers per second, errors.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    clients: { type: 'string', default: '100' },
    'max-concurrency': { type: 'string', default: '64' },
    effort: { type: 'string', default: 'low' },
    model: { type: 'string', default: 'slowthink-mini' },
    url: { type: 'string' },
    weights: { type: 'string' },
    'in-process': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const clients = numberFlag(USAGE, 'clients', values.clients, 1);
const maxConcurrency = numberFlag(USAGE, 'max-concurrency', values['max-concurrency'], 1);

/** A different small sum per client, so no two requests are the same prompt; with its answer. */
function question(index: number): { text: string; answer: number } {
  const left = 100 + ((index * 37) % 800);
  const right = 10 + ((index * 53) % 90);
  return { text: `What is ${left} + ${right}?`, answer: left + right };
}

/** Keep-alive connections, one per client, as SDK clients keep theirs. */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** Sends one request with node:http (lighter than fetch, so the clients steal less CPU from the server they share it with). */
function send(
  url: string,
  body: string | undefined,
  onData: (text: string) => void,
  onHeaders?: (queuedMs: number) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: body === undefined ? 'GET' : 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        onHeaders?.(Number(response.headers['x-slowthink-queued-ms'] ?? 0));
        response.setEncoding('utf8');
        response.on('data', onData);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One streaming client: reads the SSE body as it arrives and notes when each kind of byte first shows up. */
async function runClient(baseURL: string, index: number): Promise<ClientTiming> {
  const started = performance.now();
  const since = () => performance.now() - started;
  const timing: ClientTiming = { status: 0 };
  let buffer = '';
  let raw = '';
  let content = '';
  const body = JSON.stringify({
    model: values.model,
    reasoning_effort: values.effort,
    stream: true,
    messages: [{ role: 'user', content: question(index).text }],
  });
  timing.status = await send(
    `${baseURL}/v1/chat/completions`,
    body,
    (text) => {
      timing.firstByteMs ??= since();
      raw += raw.length < 200 ? text : '';
      buffer += text;
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
        if (delta.content) content += delta.content;
      }
    },
    (queuedMs) => {
      timing.queuedMs = queuedMs;
    },
  );
  if (timing.status !== 200) return { ...timing, error: `HTTP ${timing.status}: ${raw.slice(0, 200)}` };
  if (timing.doneMs === undefined && !timing.error) timing.error = 'stream ended without [DONE]';
  const numbers = content.match(/-?\d+/g);
  timing.correct = numbers !== null && Number(numbers.at(-1)) === question(index).answer;
  return timing;
}

/** The server under test: a `slowthink serve` child process, or (--in-process) the app in this process. */
async function startTarget(maxConcurrency: number): Promise<{ baseURL: string; label: string; close: () => Promise<void> }> {
  if (values['in-process']) {
    const options: StartServerOptions = { port: 0, maxConcurrency, logSink: () => {} };
    if (values.weights) {
      const model = await createEmbeddedModel({ tier: values.model === 'slowthink' ? 'full' : 'mini', path: values.weights });
      options.engine = { streamReason: (request) => streamReason({ ...request, model }) };
    }
    const server = await startServer(options);
    return { baseURL: server.url, label: 'in-process', close: () => server.close() };
  }
  if (values.weights) throw new Error('--weights needs --in-process (slowthink serve serves the models in models/)');
  const bin = new URL('../bin/slowthink.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--max-concurrency', String(maxConcurrency)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let seen = '';
  const baseURL = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      seen += seen.length < 4000 ? text : '';
      const match = /serving .* at (http:\/\/\S+)\/v1/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`slowthink serve exited with ${code}: ${seen.slice(0, 500)}`)));
  });
  return {
    baseURL,
    label: 'child process',
    close: async () => {
      child.kill('SIGINT');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function main(): Promise<void> {
  const target = values.url ? { baseURL: values.url, label: values.url, close: async () => {} } : await startTarget(maxConcurrency);
  const baseURL = target.baseURL;
  try {
    // Warm up: load the model once and open the N keep-alive connections (clients reuse theirs, as SDKs do), so the
    // figures measure serving, not loading weights or TCP handshakes.
    const warm = await runClient(baseURL, -1);
    if (warm.error) throw new Error(`warm-up request failed: ${warm.error}`);
    await Promise.all(Array.from({ length: clients }, () => send(`${baseURL}/health`, undefined, () => {})));
    const started = performance.now();
    const timings = await Promise.all(
      Array.from({ length: clients }, (_, index) =>
        runClient(baseURL, index).catch((error: unknown) => ({ status: 0, error: String(error) }) as ClientTiming),
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
      server: target.label,
      weights: values.weights ?? 'models/',
      wall_seconds: Number(wallSeconds.toFixed(2)),
      answers: done.length,
      correct: timings.filter((timing) => timing.correct).length,
      answers_per_second: Number((done.length / wallSeconds).toFixed(2)),
      errors: errors.length,
      max_concurrency: values.url ? undefined : maxConcurrency,
      statuses: Object.fromEntries(
        [...new Set(timings.map((timing) => timing.status))].map((status) => [
          status,
          timings.filter((other) => other.status === status).length,
        ]),
      ),
      queued: timings.filter((timing) => (timing.queuedMs ?? 0) > 0).length,
      queued_ms_max: Math.max(0, ...timings.map((timing) => timing.queuedMs ?? 0)),
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
          `${clients} concurrent streams · ${values.model} · effort ${values.effort} · server ${summary.server} · weights ${summary.weights}`,
          `first reasoning byte  p50 ${ms(summary.first_reasoning_ms.p50)}  p95 ${ms(summary.first_reasoning_ms.p95)}`,
          `first answer byte     p50 ${ms(summary.first_content_ms.p50)}  p95 ${ms(summary.first_content_ms.p95)}`,
          `complete              p50 ${ms(summary.done_ms.p50)}  p95 ${ms(summary.done_ms.p95)}`,
          `answers ${summary.answers} in ${summary.wall_seconds} s = ${summary.answers_per_second}/s · correct ${summary.correct} · errors ${summary.errors}`,
          `statuses ${JSON.stringify(summary.statuses)} · queued ${summary.queued} (longest ${summary.queued_ms_max} ms) at --max-concurrency ${summary.max_concurrency ?? '?'}`,
          ...summary.error_samples.map((sample) => `  e.g. ${sample}`),
          '',
        ].join('\n'),
      );
    }
    process.exitCode = errors.length === 0 ? 0 : 1;
  } finally {
    agent.destroy();
    await target.close();
  }
}

await main();
