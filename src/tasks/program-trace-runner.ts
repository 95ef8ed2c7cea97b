/**
 * @module Runs Python programs in the bubblewrap sandbox synchronously: one long-lived sandboxed process answers batches
 * of programs, driven by a worker thread while the caller blocks on `Atomics.wait` (tasks' `generate`/`check` are sync).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { TRACE_HARNESS } from './program-trace-harness.js';

/** One program's state after an executed line: `state` holds its int and int-list variables in order of first assignment. */
export interface TraceStep {
  line: number;
  state: Array<[string, number | number[]]>;
  /** What the line printed. */
  printed: string;
}

/** The outcome of running one program in the sandbox. */
export type ProgramRun = { ok: true; output: string; steps: TraceStep[] } | { ok: false; error: string };

/** Line events after which a program is stopped (the task's programs take under 100). */
const MAX_EVENTS = 2000;
/** Seconds one program may run. */
const PROGRAM_SECONDS = 2;
/** Bytes of one batch's answer. */
const BUFFER_BYTES = 16 * 1024 * 1024;
const BWRAP = '/usr/bin/bwrap';
const HELPERS = ['/usr/bin/timeout', '/usr/bin/prlimit', '/usr/bin/python3'];

/**
 * The sandbox of src/verify/sandbox.ts (no network, read-only /usr, private /tmp, new pid namespace, rlimits): repeated
 * here because src/verify depends on src/tasks, and one long-lived process needs a longer wall limit than a test run.
 */
function sandboxCommand(): string[] {
  const root = process.getuid?.() === 0;
  return [
    ...['/usr/bin/timeout', '-s', 'KILL', '3600', '/usr/bin/prlimit', '--cpu=3600', '--fsize=1048576', '--nofile=64'],
    ...['--nproc=256', `--as=${1024 ** 3}`, '--'],
    ...(root ? ['/usr/bin/setpriv', `--reuid=${200000 + Math.floor(Math.random() * 60000)}`, '--regid=65534', '--clear-groups', '--'] : []),
    ...[BWRAP, '--unshare-all', '--die-with-parent', '--new-session', '--clearenv', '--setenv', 'PATH', '/usr/bin:/bin'],
    ...['--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64'],
    ...(existsSync('/etc/alternatives') ? ['--ro-bind', '/etc/alternatives', '/etc/alternatives'] : []),
    ...['--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp', '--chdir', '/tmp'],
    ...['/usr/bin/python3', '-u', '-I', '-c', TRACE_HARNESS],
  ];
}

// Runs in the worker thread: owns the sandboxed process, restarts it when it died, writes each answer into shared memory.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const control = new Int32Array(workerData.shared, 0, 2);
const bytes = new Uint8Array(workerData.shared, 8);
let child; let pending = ''; let waiting = false;
function answer(text) {
  const encoded = Buffer.from(text, 'utf8');
  const data = encoded.length <= bytes.length ? encoded : Buffer.from(JSON.stringify({ error: 'answer too large' }));
  bytes.set(data);
  Atomics.store(control, 1, data.length);
  Atomics.store(control, 0, 1);
  Atomics.notify(control, 0);
  waiting = false;
}
function start() {
  const [command, ...args] = workerData.command;
  child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: {} });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    pending += chunk;
    const end = pending.indexOf('\\n');
    if (end >= 0) { const line = pending.slice(0, end); pending = pending.slice(end + 1); answer(line); }
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-2000); });
  child.stdin.on('error', () => {});
  child.on('close', () => { child = undefined; pending = ''; if (waiting) answer(JSON.stringify({ error: 'the sandbox ended: ' + stderr.trim() })); });
}
parentPort.on('message', (message) => {
  if (message === 'kill') { if (child) child.kill('SIGKILL'); return; }
  if (!child) start();
  waiting = true;
  child.stdin.write(message + '\\n');
});
`;

interface Channel {
  worker: Worker;
  control: Int32Array;
  bytes: Uint8Array;
}

let channel: Channel | undefined;
/** The sandbox has answered once: it works on this host. */
let answered = false;
const cache = new Map<string, ProgramRun>();
const CACHE_LIMIT = 20_000;

function assertTools(): void {
  const missing = [BWRAP, ...HELPERS].find((path) => !existsSync(path));
  if (missing) {
    throw new SlowthinkError(ERROR_CODES.CONFIG, `Program tracing needs the code sandbox, but ${missing} is missing.`, {
      hint: 'Install bubblewrap and python3 (apt-get install -y bubblewrap python3).',
    });
  }
}

function openChannel(): Channel {
  if (channel) return channel;
  assertTools();
  const shared = new SharedArrayBuffer(8 + BUFFER_BYTES);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, command: sandboxCommand() } });
  // The process may exit while the worker idles; its sandboxed child ends with it (stdin closes, --die-with-parent).
  worker.unref();
  channel = { worker, control: new Int32Array(shared, 0, 2), bytes: new Uint8Array(shared, 8) };
  return channel;
}

function exchange(programs: readonly string[], isolate: boolean): ProgramRun[] {
  const { worker, control, bytes } = openChannel();
  Atomics.store(control, 0, 0);
  worker.postMessage(JSON.stringify({ programs, maxEvents: MAX_EVENTS, timeoutSeconds: PROGRAM_SECONDS, isolate }));
  const limitMs = 10_000 + programs.length * (PROGRAM_SECONDS * 1000 + 100);
  if (Atomics.wait(control, 0, 0, limitMs) === 'timed-out') {
    worker.postMessage('kill');
    throw new SlowthinkError(ERROR_CODES.INTERNAL, `The program sandbox gave no answer within ${limitMs} ms.`);
  }
  const text = new TextDecoder().decode(bytes.slice(0, Atomics.load(control, 1)));
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) {
    const reason = (parsed as { error?: string }).error ?? 'no answer';
    // A user's program that kills the sandbox fails itself; the next call starts a fresh one. A sandbox that never
    // answered is broken: that is the host's problem, not the program's.
    if (isolate && answered) return programs.map(() => ({ ok: false, error: `the program ended the sandbox (${reason})` }));
    throw new SlowthinkError(ERROR_CODES.CONFIG, `The program sandbox failed: ${reason}`, {
      hint: 'Program tracing runs python3 inside bubblewrap; check that `bwrap` works on this host.',
    });
  }
  answered = true;
  return parsed as ProgramRun[];
}

/**
 * Runs each program in the sandbox (one round trip for all uncached ones) and returns its output and states. `trusted`:
 * the generator wrote them, so they share one process instead of a fork each (a user's program could patch builtins).
 */
export function runPrograms(programs: readonly string[], options: { trusted?: boolean } = {}): ProgramRun[] {
  const missing = [...new Set(programs.filter((program) => !cache.has(program)))];
  const fresh = new Map<string, ProgramRun>();
  if (missing.length > 0) {
    const runs = exchange(missing, options.trusted !== true);
    // Bounded: a 200k-example mix writes ~80k programs; a rerun costs a millisecond.
    if (cache.size + missing.length > CACHE_LIMIT) cache.clear();
    missing.forEach((program, index) => {
      const run = runs[index] ?? { ok: false, error: 'no result' };
      cache.set(program, run);
      fresh.set(program, run);
    });
  }
  return programs.map((program) => fresh.get(program) ?? cache.get(program) ?? { ok: false, error: 'no result' });
}
