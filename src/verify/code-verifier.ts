/**
 * @module The `code` verifier: model-written Python runs in one sandbox, its tests in another that calls it with data
 * and alone reports verdicts; score = passed / total asserts.
 */
import type { Problem, Score, Verifier } from '../spec/verifier.js';
import { extractCode } from './extract-answer.js';
import { CANDIDATE_PROGRAM, JUDGE_PROGRAM } from './python-harness.js';
import { assertSandboxAvailable, type SandboxOptions, type SandboxResult, startSandboxed } from './sandbox.js';

/** Options for {@link createCodeVerifier}. */
export interface CodeVerifierOptions extends Pick<SandboxOptions, 'timeoutMs' | 'memoryBytes' | 'maxOutputBytes' | 'bwrapPath'> {
  /**
   * The tests (Python asserts, or a HumanEval `def check(candidate)`) for a problem. Default: `problem.reference`, either
   * the test source itself or HumanEval-style JSON `{"test": "...", "entry_point": "add"}`.
   */
  tests?: (problem: Problem) => string | undefined;
  /** Function name passed to a HumanEval `check` that the tests do not call themselves. */
  entryPoint?: (problem: Problem) => string | undefined;
}

/** Reads tests and entry point from a reference: plain test source, or JSON with `test(s)` and `entry_point`/`entryPoint`. */
export function readReferenceTests(reference: string | undefined): { tests?: string; entryPoint?: string } {
  if (reference === undefined) return {};
  if (reference.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(reference) as Record<string, unknown>;
      const tests = parsed['test'] ?? parsed['tests'];
      const entryPoint = parsed['entry_point'] ?? parsed['entryPoint'];
      if (typeof tests === 'string') return { tests, ...(typeof entryPoint === 'string' ? { entryPoint } : {}) };
    } catch {
      // not JSON: a Python dict literal or a set is test source too
    }
  }
  return { tests: reference };
}

function tail(text: string, characters = 1500): string {
  return text.length > characters ? `…${text.slice(-characters)}` : text;
}

/** One verdict line of the judge. */
export interface JudgeEvent {
  event: 'total' | 'test' | 'error' | 'setup-error' | 'done';
  total?: number;
  index?: number;
  passed?: boolean;
  source?: string;
  message?: string;
}

/** What a judged run produced: the judge's verdicts, and how each process ended. */
export interface JudgedRun {
  events: JudgeEvent[];
  judge: SandboxResult;
  candidate: SandboxResult;
  /** The candidate wrote more than `maxOutputBytes` that answered no call, or one line past 64 MiB: it was killed. */
  candidateFlooded: boolean;
}

/** Calls `onLine` per complete line; calls `onOverflow` once when a line grows past `maxBytes`. */
function lineReader(onLine: (line: string) => void, maxBytes: number, onOverflow: () => void): (chunk: Buffer) => void {
  let pending: Buffer[] = [];
  let size = 0;
  let overflowed = false;
  return (chunk) => {
    if (overflowed) return;
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, end));
      onLine(Buffer.concat(pending).toString('utf8'));
      pending = [];
      size = 0;
      start = end + 1;
    }
    pending.push(chunk.subarray(start));
    size += chunk.length - start;
    if (size > maxBytes) {
      overflowed = true;
      onOverflow();
    }
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Time the judge gets past the candidate's limit to judge the calls that were left (they fail at once). */
const JUDGE_GRACE_MS = 1500;
/** Longest call or reply line: big inputs and results are honest (a list of a million ints is ~7 MB); junk is not. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Runs the judge (holding the tests) and the candidate host (holding the code) in two sandboxes and relays the judge's
 * calls: the candidate's only way to the judge is a line answering the call the judge has pending.
 */
export async function runJudged(code: string, tests: string, entryPoint: string | undefined, options: SandboxOptions): Promise<JudgedRun> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxOutputBytes ?? 1024 * 1024;
  // the judge needs only the stdlib: -S skips site-packages (and their start-up cost)
  const python = (program: string, flags = '-I') => ['/usr/bin/python3', '-u', flags, '-c', program];
  const events: JudgeEvent[] = [];
  let pending: number | undefined;
  let gone: string | undefined;
  let junk = 0;
  let candidateFlooded = false;
  const shared = { ...options, env: {}, maxOutputBytes: maxBytes };
  const judge = startSandboxed({
    ...shared,
    command: python(JUDGE_PROGRAM, '-IS'),
    timeoutMs: timeoutMs + JUDGE_GRACE_MS,
    onStdout: lineReader(
      (line) => {
        const message = parseLine(line);
        if (!message) return;
        if (typeof message['op'] === 'string' && typeof message['id'] === 'number') {
          if (gone !== undefined) judge.write(`${JSON.stringify({ id: message['id'], gone })}\n`);
          else {
            pending = message['id'];
            candidate.write(`${line}\n`);
          }
        } else if (typeof message['event'] === 'string') events.push(message as unknown as JudgeEvent);
      },
      MAX_MESSAGE_BYTES,
      () => judge.kill(),
    ),
  });
  const flood = () => {
    candidateFlooded = true;
    candidate.kill();
  };
  const candidate = startSandboxed({
    ...shared,
    command: python(CANDIDATE_PROGRAM),
    timeoutMs,
    onStdout: lineReader(
      (line) => {
        if (pending !== undefined && parseLine(line)?.['id'] === pending) {
          pending = undefined;
          judge.write(`${line}\n`);
        } else {
          junk += line.length + 1;
          if (junk > maxBytes) flood();
        }
      },
      MAX_MESSAGE_BYTES,
      flood,
    ),
  });
  judge.write(`${JSON.stringify({ tests, entry: entryPoint ?? null })}\n`);
  candidate.write(`${JSON.stringify({ code })}\n`);
  const candidateEnded = candidate.result.then((result) => {
    gone = result.timedOut ? 'timed out' : result.outputLimited || candidateFlooded ? 'killed for too much output' : 'ended';
    if (pending !== undefined) judge.write(`${JSON.stringify({ id: pending, gone })}\n`);
    pending = undefined;
    return result;
  });
  const judgeResult = await judge.result;
  candidate.kill();
  return { events, judge: judgeResult, candidate: await candidateEnded, candidateFlooded };
}

/**
 * Creates the sandboxed code verifier (design: python-harness.ts). Checks at creation that bubblewrap works and throws
 * CONFIG otherwise: it never runs model-written code unsandboxed.
 */
export function createCodeVerifier(options: CodeVerifierOptions = {}): Verifier {
  assertSandboxAvailable(options.bwrapPath);
  return {
    name: 'code',
    kind: 'outcome',
    exact: true,
    async score(problem, candidate, scoreOptions = {}): Promise<Score> {
      const fromReference = readReferenceTests(problem.reference);
      const tests = options.tests ? options.tests(problem) : fromReference.tests;
      const entryPoint = options.entryPoint?.(problem) ?? fromReference.entryPoint;
      if (!tests || tests.trim() === '') {
        return { value: 0, evidence: 'no tests', issues: [{ code: 'no-tests', message: 'The problem has no tests to run.' }] };
      }
      const code = extractCode(candidate.text) ?? (candidate.answer ? extractCode(candidate.answer) : undefined);
      if (!code) return { value: 0, evidence: 'no code found', issues: [{ code: 'no-code', message: 'No code block in the candidate.' }] };
      const started = Date.now();
      const run = await runJudged(code, tests, entryPoint, {
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
        ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
        ...(options.bwrapPath === undefined ? {} : { bwrapPath: options.bwrapPath }),
        ...(scoreOptions.signal ? { signal: scoreOptions.signal } : {}),
      });
      return scoreRun(run, Date.now() - started, scoreOptions.signal?.aborted === true);
    },
  };
}

/** Turns the judge's verdicts into a score: passed / total, each test index counted once. */
function scoreRun({ events, judge, candidate, candidateFlooded }: JudgedRun, durationMs: number, aborted: boolean): Score {
  const total = events.find((event) => event.event === 'total')?.total ?? 0;
  const results = new Map<number, boolean>();
  for (const event of events) {
    const index = event.index;
    if (event.event === 'test' && typeof index === 'number' && index >= 0 && index < total && !results.has(index)) {
      results.set(index, event.passed === true);
    }
  }
  const passed = [...results.values()].filter(Boolean).length;
  const issues: Array<{ code: string; message: string }> = [];
  if (candidate.timedOut || judge.timedOut) issues.push({ code: 'timeout', message: `Killed after ${candidate.durationMs} ms.` });
  if (candidate.outputLimited || candidateFlooded || judge.outputLimited) {
    issues.push({ code: 'output-limit', message: 'Killed for writing too much output.' });
  }
  for (const event of events) {
    if (event.event === 'error') issues.push({ code: 'code-error', message: event.message ?? 'error' });
    if (event.event === 'test' && !event.passed) issues.push({ code: 'test-failed', message: `${event.source}: ${event.message}` });
  }
  if (total === 0 && issues.length === 0) issues.push({ code: 'no-tests', message: 'The tests hold no assert.' });
  const finished = events.some((event) => event.event === 'done');
  if (aborted) issues.push({ code: 'aborted', message: `Stopped by the caller after ${durationMs} ms.` });
  else if (!finished && !judge.timedOut && !judge.outputLimited && !events.some((event) => event.event === 'error')) {
    issues.push({ code: 'crashed', message: `The judge ended early (exit ${judge.exitCode ?? judge.signal}).` });
  }
  const summary = `${passed}/${total} tests passed in ${durationMs} ms`;
  const details = issues.map((issue) => `${issue.code}: ${issue.message}`).join('\n');
  const stderr = [candidate.stderr.trim(), judge.stderr.trim()].filter((part) => part !== '').join('\n');
  const rest = [details, stderr].filter((part) => part !== '').join('\n');
  return {
    value: total > 0 ? passed / total : 0,
    // the summary comes first and is never cut: the candidate's stderr must not push it out
    evidence: rest === '' ? summary : `${summary}\n${tail(rest)}`,
    ...(issues.length > 0 ? { issues } : {}),
  };
}
