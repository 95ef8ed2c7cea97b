/** @module Test helper: runs the real `bin/slowthink.js` (or any node script) as a child process and collects its output. */
import { type ChildProcess, spawn } from 'node:child_process';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** How `runProcess` starts a child: where, with which environment (whole, not merged), and whether it leads its own group. */
export interface ProcessOptions {
  cwd?: string;
  /** The child's whole environment; process.env with NO_COLOR=1 when absent. */
  env?: NodeJS.ProcessEnv;
  /** The child leads its own process group, so `process.kill(-pid)` reaches what it forks (npx forks the real CLI). */
  detached?: boolean;
  onSpawn?: (child: ChildProcess) => void;
}

/** Runs `command ...args` to its end and collects its output (stdin closed); rejects when it cannot start (not on PATH). */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? { ...process.env, NO_COLOR: '1' },
      detached: options.detached ?? false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    options.onSpawn?.(child);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `node [nodeArgs] <script> ...args` from the repository root; `onSpawn` gets the child (e.g. to send it SIGINT). */
export function runNode(
  script: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[]; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliRun> {
  return runProcess(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    onSpawn: options.onSpawn,
  });
}

/** Runs the CLI: `slowthink ...args`. */
export function runCli(args: readonly string[], options: Parameters<typeof runNode>[2] = {}): Promise<CliRun> {
  return runNode('bin/slowthink.js', args, options);
}

/** The one JSON object stdout must hold; throws (failing the test) when stdout holds anything else. */
export function onlyJsonObject(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) throw new Error(`expected exactly one line of JSON on stdout, got ${lines.length}: ${stdout.slice(0, 400)}`);
  const value: unknown = JSON.parse(lines[0] ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`stdout is not one JSON object: ${stdout}`);
  return value as Record<string, unknown>;
}
