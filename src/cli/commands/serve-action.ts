/** @module `slowthink serve`: parse the flags, start the server on the real engine, stop cleanly on Ctrl-C. */
import { parseNumberOption } from '../../errors/number-option.js';
import { closeModels } from '../../models/registry.js';
import { parseApiKeys } from '../../server/api-key-check.js';
import { startServer } from '../../server/start-server.js';
import { RunStore, resolveStorePath } from '../../store/index.js';

/** The flags of `slowthink serve`, as commander hands them over (strings). */
export interface ServeCommandOptions {
  host: string;
  port: string;
  maxConcurrency: string;
  bodyLimit: string;
  logPrompts?: boolean;
  allowGguf?: boolean;
  /** The options below are optional so callers that predate them keep working; commander fills in the defaults. */
  maxQueue?: string;
  queueTimeout?: string;
  headersTimeout?: string;
  requestTimeout?: string;
  maxConnections?: string;
  models?: string;
  /** The run store the web app reads and traces go to; default `resolveStorePath()`. */
  store?: string;
  /** `--no-traces` sets false: requests' traces are not kept. */
  traces?: boolean;
}

/** Defaults of the load and socket flags, as `serve --help` shows them. */
export const SERVE_DEFAULTS = {
  maxQueue: '64',
  queueTimeout: '30',
  headersTimeout: '10',
  requestTimeout: '30',
  maxConnections: '1024',
} as const;

/** A whole-number flag in [minimum, maximum], through the one numeric-option validator. */
function integerOption(value: string, name: string, minimum: number, maximum: number): number {
  const example = String(minimum === 0 ? 8080 : minimum);
  return parseNumberOption(name, value, { integer: true, minimum, maximum, example });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The run store the web app reads; one that cannot be opened costs a warning (no run browser, no traces), never the server. */
function openStore(path: string | undefined): RunStore | undefined {
  try {
    return RunStore.open(resolveStorePath(path));
  } catch (error) {
    process.stderr.write(`warning: serving without a run store: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** Starts the server and resolves when it has been stopped by SIGINT or SIGTERM. */
export async function runServeCommand(options: ServeCommandOptions): Promise<void> {
  const apiKeys = parseApiKeys(process.env.SLOWTHINK_API_KEYS);
  const runStore = openStore(options.store);
  const server = await startServer({
    ...(runStore ? { runStore } : {}),
    recordTraces: options.traces !== false,
    host: options.host,
    port: integerOption(options.port, 'port', 0, 65_535),
    maxConcurrency: integerOption(options.maxConcurrency, 'max-concurrency', 1, 100_000),
    bodyLimitBytes: integerOption(options.bodyLimit, 'body-limit', 1024, 1 << 30),
    apiKeys,
    logPrompts: options.logPrompts === true,
    allowLocalFiles: options.allowGguf === true,
    maxQueued: integerOption(options.maxQueue ?? SERVE_DEFAULTS.maxQueue, 'max-queue', 0, 100_000),
    queueTimeoutMs: 1000 * integerOption(options.queueTimeout ?? SERVE_DEFAULTS.queueTimeout, 'queue-timeout', 0, 3600),
    headersTimeoutMs: 1000 * integerOption(options.headersTimeout ?? SERVE_DEFAULTS.headersTimeout, 'headers-timeout', 1, 3600),
    requestTimeoutMs: 1000 * integerOption(options.requestTimeout ?? SERVE_DEFAULTS.requestTimeout, 'request-timeout', 1, 3600),
    maxConnections: integerOption(options.maxConnections ?? SERVE_DEFAULTS.maxConnections, 'max-connections', 1, 1_000_000),
    allowedModels: (options.models ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  });
  process.stderr.write(`slowthink serving the OpenAI-compatible API at ${server.url}/v1 (auth: ${apiKeys.length > 0 ? 'on' : 'off'})\n`);
  const traces =
    runStore === undefined ? 'no run store' : `run store ${runStore.path}, traces ${options.traces === false ? 'off' : 'kept'}`;
  process.stderr.write(`web app at ${server.url}/ (${traces})\n`);
  if (!LOOPBACK.has(options.host) && apiKeys.length === 0) {
    process.stderr.write(
      'warning: listening beyond this machine without SLOWTHINK_API_KEYS; anyone who can reach it can spend its compute\n',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  runStore?.close();
  await closeModels();
}
