/**
 * @module Runs an untrusted program inside bubblewrap (no network, read-only /usr, private /tmp, fresh pid namespace,
 * unprivileged uid of its own) under prlimit and a hard kill timeout, either fed one program or kept talking over stdin.
 * Refuses to run when bubblewrap does not work.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';

/** Options for {@link runSandboxed}. */
export interface SandboxOptions {
  /** Interpreter and arguments inside the sandbox; the program arrives on stdin. Default `/usr/bin/python3 -u -I -`. */
  command?: string[];
  /** Wall-clock and CPU limit. Default 5000 ms. */
  timeoutMs?: number;
  /** Address-space limit (RLIMIT_AS). Default 1 GiB. Use 0 for none (node/WASM). */
  memoryBytes?: number;
  /** stdout + stderr bytes read before the run is killed. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Environment inside the sandbox (it is otherwise empty). */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Path of the bwrap binary (tests point it elsewhere to check the refusal). Default `/usr/bin/bwrap`. */
  bwrapPath?: string;
}

/** What happened to a sandboxed run. */
export interface SandboxResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed because it ran past `timeoutMs`. */
  timedOut: boolean;
  /** Killed because it wrote more than `maxOutputBytes`. */
  outputLimited: boolean;
  durationMs: number;
}

const availability = new Map<string, true | string>();
const helpers = ['/usr/bin/timeout', '/usr/bin/prlimit', '/usr/bin/setpriv'];

/** The bwrap arguments of ecosystem.md Appendix B. */
function bwrapArguments(bwrapPath: string, env: Record<string, string>): string[] {
  const settings = Object.entries({ PATH: '/usr/bin:/bin', ...env }).flatMap(([key, value]) => ['--setenv', key, value]);
  return [
    bwrapPath,
    ...['--unshare-all', '--die-with-parent', '--new-session', '--clearenv', ...settings],
    ...['--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64'],
    ...(existsSync('/etc/alternatives') ? ['--ro-bind', '/etc/alternatives', '/etc/alternatives'] : []),
    ...['--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--chdir', '/tmp'],
  ];
}

/** A uid of its own per run, so one run's fork bomb cannot use up another's RLIMIT_NPROC. */
function sandboxUid(): number {
  return 200000 + Math.floor(Math.random() * 60000);
}

/** Processes this user runs now (RLIMIT_NPROC counts them all), or 0 when /proc cannot be read. */
function ownProcessCount(uid: number): number {
  try {
    let count = 0;
    const owner = new RegExp(`^Uid:\\s+${uid}\\s`, 'm');
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (owner.test(readFileSync(`/proc/${entry}/status`, 'utf8'))) count += 1;
      } catch {
        // the process ended meanwhile
      }
    }
    return count;
  } catch {
    return 0;
  }
}

/**
 * As root, drop to a fresh uid (root ignores RLIMIT_NPROC). As another user, stay that user and cap processes at the
 * user's current count + 64 (the limit counts all of the user's processes).
 */
function wrappedCommand(options: SandboxOptions, wallSeconds: number): string[] {
  const seconds = Math.max(1, Math.ceil(wallSeconds));
  const userId = process.getuid?.() ?? 0;
  const root = userId === 0;
  const processCap = root ? 64 : ownProcessCount(userId) + 64;
  const uid = String(sandboxUid());
  const memory = options.memoryBytes ?? 1024 ** 3;
  const limits = [
    `--cpu=${seconds}`,
    `--nproc=${processCap}`,
    '--fsize=10485760',
    '--nofile=64',
    ...(memory > 0 ? [`--as=${memory}`] : []),
  ];
  return [
    ...['/usr/bin/timeout', '-s', 'KILL', `${wallSeconds}`, '/usr/bin/prlimit', ...limits, '--'],
    ...(root ? ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--'] : []),
    ...bwrapArguments(options.bwrapPath ?? '/usr/bin/bwrap', options.env ?? {}),
    ...(options.command ?? ['/usr/bin/python3', '-u', '-I', '-']),
  ];
}

/** Checks once per bwrap path that the sandbox starts; returns true or the reason it does not. */
export function sandboxAvailability(bwrapPath = '/usr/bin/bwrap'): true | string {
  const known = availability.get(bwrapPath);
  if (known !== undefined) return known;
  let verdict: true | string = true;
  const missing = [bwrapPath, ...helpers].find((path) => !existsSync(path));
  if (missing) verdict = `${missing} is missing`;
  else {
    const [command, ...args] = wrappedCommand({ bwrapPath, command: ['/usr/bin/true'], memoryBytes: 0 }, 5);
    const probe = spawnSync(command as string, args, { encoding: 'utf8', timeout: 10000 });
    if (probe.status !== 0)
      verdict = `bubblewrap failed to start: ${(probe.stderr || probe.error?.message || `exit ${probe.status}`).trim()}`;
  }
  availability.set(bwrapPath, verdict);
  return verdict;
}

/** Throws CONFIG unless the sandbox works here; nothing ever runs unsandboxed. */
export function assertSandboxAvailable(bwrapPath?: string): void {
  const verdict = sandboxAvailability(bwrapPath);
  if (verdict !== true) {
    throw new SlowthinkError(
      ERROR_CODES.CONFIG,
      `The code sandbox is unavailable (${verdict}); refusing to run untrusted code without it.`,
      {
        hint: 'Install bubblewrap (apt-get install -y bubblewrap) on a Linux host that allows user namespaces.',
      },
    );
  }
}

/** A sandboxed process whose stdin stays open: the caller talks to it and reads its stdout as it comes. */
export interface SandboxProcess {
  /** Writes to the program's stdin (ignored once it has ended). */
  write(text: string): void;
  /** Closes the program's stdin. */
  end(): void;
  kill(): void;
  /** Settles when the process has ended; `stdout` is empty when `onStdout` took it. */
  result: Promise<SandboxResult>;
}

/** Options for {@link startSandboxed}: stdout goes to `onStdout` (uncounted) instead of being collected. */
export interface StartOptions extends SandboxOptions {
  onStdout?: (chunk: Buffer) => void;
}

/** Starts `options.command` in the sandbox with stdin open. Throws CONFIG when the sandbox is unavailable. */
export function startSandboxed(options: StartOptions = {}): SandboxProcess {
  assertSandboxAvailable(options.bwrapPath);
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxOutputBytes = options.maxOutputBytes ?? 1024 * 1024;
  const [command, ...args] = wrappedCommand(options, Math.max(0.1, timeoutMs / 1000));
  const started = Date.now();
  const child = spawn(command as string, args, { stdio: ['pipe', 'pipe', 'pipe'], env: {}, detached: true });
  const output = { stdout: [] as Buffer[], stderr: [] as Buffer[], bytes: 0 };
  let timedOut = false;
  let outputLimited = false;
  let ended = false;
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, timeoutMs + 500);
  const onAbort = () => kill();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    if (outputLimited) return;
    output.bytes += chunk.length;
    if (output.bytes > maxOutputBytes) {
      outputLimited = true;
      kill();
      return;
    }
    output[stream].push(chunk);
  };
  child.stdout.on('data', options.onStdout ?? collect('stdout'));
  child.stderr.on('data', collect('stderr'));
  child.stdin.on('error', () => {});
  const result = new Promise<SandboxResult>((resolve) => {
    child.on('close', (exitCode, signal) => {
      ended = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const durationMs = Date.now() - started;
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(output.stdout).toString('utf8'),
        stderr: Buffer.concat(output.stderr).toString('utf8'),
        timedOut: timedOut || (!outputLimited && (exitCode === 137 || signal === 'SIGKILL') && durationMs >= timeoutMs - 200),
        outputLimited,
        durationMs,
      });
    });
  });
  return {
    write: (text) => {
      if (!ended && child.stdin.writable) child.stdin.write(text);
    },
    end: () => child.stdin.end(),
    kill,
    result,
  };
}

/** Runs `program` (written to stdin) in the sandbox and collects bounded output. Throws CONFIG when the sandbox is unavailable. */
export function runSandboxed(program: string, options: SandboxOptions = {}): Promise<SandboxResult> {
  const sandboxed = startSandboxed(options);
  sandboxed.write(program);
  sandboxed.end();
  return sandboxed.result;
}
