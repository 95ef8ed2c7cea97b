/** @module `slowthink serve`: parse the flags, start the server on the real engine, stop cleanly on Ctrl-C. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { closeModels } from '../models/registry.js';
import { parseApiKeys } from './api-key-check.js';
import { startServer } from './start-server.js';

/** The flags of `slowthink serve`, as commander hands them over (strings). */
export interface ServeCommandOptions {
  host: string;
  port: string;
  maxConcurrency: string;
  bodyLimit: string;
  logPrompts?: boolean;
  allowGguf?: boolean;
}

function integerOption(value: string, name: string, minimum: number, maximum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum || number > maximum) {
    throw new SlowthinkError(
      ERROR_CODES.INVALID_ARGUMENT,
      `Expected --${name} to be an integer in [${minimum}, ${maximum}], got ${value}`,
      {
        param: name,
        hint: `Pass e.g. --${name} ${minimum === 0 ? 8080 : minimum}.`,
      },
    );
  }
  return number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts the server and resolves when it has been stopped by SIGINT or SIGTERM. */
export async function runServeCommand(options: ServeCommandOptions): Promise<void> {
  const apiKeys = parseApiKeys(process.env.SLOWTHINK_API_KEYS);
  const server = await startServer({
    host: options.host,
    port: integerOption(options.port, 'port', 0, 65_535),
    maxConcurrency: integerOption(options.maxConcurrency, 'max-concurrency', 1, 100_000),
    bodyLimitBytes: integerOption(options.bodyLimit, 'body-limit', 1024, 1 << 30),
    apiKeys,
    logPrompts: options.logPrompts === true,
    allowLocalFiles: options.allowGguf === true,
  });
  process.stderr.write(`slowthink serving the OpenAI-compatible API at ${server.url}/v1 (auth: ${apiKeys.length > 0 ? 'on' : 'off'})\n`);
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
  await closeModels();
}
