/** @module Child processes for the queue's failure tests: a `slowthink worker` or a bench coordinator, killable with SIGKILL. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const entries = { cli: join(root, 'src', 'cli', 'main.ts'), bench: join(root, 'src', 'testing', 'bench-cli.ts') };

/** A CLI process with its output so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the output matches (rejects after `timeoutMs` with the output so far). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no cleanup, no goodbye, as a machine that dies. */
  kill(): Promise<void>;
}

/** Starts `slowthink <args>` (entry `cli`) or the bench-only CLI, on node itself so SIGKILL hits the process doing the work. */
export function startCli(entry: keyof typeof entries, args: string[], environment: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entries[entry], ...args], {
    cwd: root,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const append = (chunk: unknown) => {
    text += String(chunk);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => text,
    async waitFor(pattern, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${pattern} in the output of ${args[0]}:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Starts a worker on the fake solver (deterministic, `delayMs` per job) with a short lock, so a dead worker's job returns fast. */
export function startFakeWorker(redisUrl: string, options: { delayMs: number; concurrency?: number; lockSeconds?: number }): CliProcess {
  return startCli(
    'cli',
    ['worker', '--redis', redisUrl, '--concurrency', String(options.concurrency ?? 1), '--lock-seconds', String(options.lockSeconds ?? 1)],
    { SLOWTHINK_BENCH_SOLVER: 'fake', SLOWTHINK_BENCH_FAKE_DELAY_MS: String(options.delayMs) },
  );
}
