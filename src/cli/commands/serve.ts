/** @module `slowthink serve`: the OpenAI-compatible reasoning API on the engine. */
import type { Command } from 'commander';

/** Registers `serve` on the program. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the OpenAI-compatible reasoning API (POST /v1/chat/completions, GET /v1/models, GET /health) and the web app at /')
    .option('--host <host>', 'interface to bind (0.0.0.0 exposes it; set SLOWTHINK_API_KEYS then)', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '8080')
    .option('--max-concurrency <count>', 'engine runs at once (a request with n choices takes n); more wait in line', '64')
    .option('--max-queue <count>', 'requests that may wait for a free engine slot; one more gets 429', '64')
    .option('--queue-timeout <seconds>', 'longest wait in line before 429', '30')
    .option('--headers-timeout <seconds>', 'a client must send its request headers within this, else 408', '10')
    .option('--request-timeout <seconds>', 'a client must send its whole request (headers and body) within this, else 408', '30')
    .option('--max-connections <count>', 'open connections at most; more are closed at once', '1024')
    .option('--models <list>', 'models to serve beyond slowthink and slowthink-mini: ids or provider:* (comma-separated)')
    .option('--body-limit <bytes>', 'largest request body; larger gets 413', String(4 * 1024 * 1024))
    .option('--log-prompts', 'include request messages in the log lines (off by default)')
    .option('--allow-gguf', 'let clients name gguf:/path models, i.e. files on this machine (off by default)')
    .option('--store <path>', 'run store the web app browses and traces are kept in (default: SLOWTHINK_STORE, ~/.slowthink/runs.db)')
    .option('--no-traces', "do not keep requests' traces in the run store")
    .action(async (options) => {
      const { runServeCommand } = await import('./serve-action.js');
      await runServeCommand(options);
    });
}
