/** @module The `code` verifier: model-written Python runs against assert tests inside the sandbox; score = passed / total. */
import { randomBytes } from 'node:crypto';
import type { Problem, Score, Verifier } from '../spec/verifier.js';
import { extractCode } from './extract-answer.js';
import { buildPythonHarness, NONCE_VARIABLE, parseHarnessEvents } from './python-harness.js';
import { assertSandboxAvailable, runSandboxed, type SandboxOptions } from './sandbox.js';

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

/**
 * Creates the sandboxed code verifier. Checks at creation that bubblewrap works and throws CONFIG otherwise: it never
 * runs model-written code unsandboxed.
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
      const nonce = randomBytes(16).toString('hex');
      const result = await runSandboxed(buildPythonHarness(code, tests, entryPoint), {
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes }),
        ...(options.maxOutputBytes === undefined ? {} : { maxOutputBytes: options.maxOutputBytes }),
        ...(options.bwrapPath === undefined ? {} : { bwrapPath: options.bwrapPath }),
        ...(scoreOptions.signal ? { signal: scoreOptions.signal } : {}),
        env: { [NONCE_VARIABLE]: nonce },
      });
      const events = parseHarnessEvents(result.stdout, nonce);
      const total = events.find((event) => event.event === 'total')?.total ?? 0;
      const results = new Map<number, boolean>();
      for (const event of events) if (event.event === 'test' && event.index !== undefined) results.set(event.index, event.passed === true);
      const passed = [...results.values()].filter(Boolean).length;
      const issues: Array<{ code: string; message: string }> = [];
      if (result.timedOut) issues.push({ code: 'timeout', message: `Killed after ${result.durationMs} ms.` });
      if (result.outputLimited) issues.push({ code: 'output-limit', message: 'Killed for writing too much output.' });
      for (const event of events) {
        if (event.event === 'error') issues.push({ code: 'code-error', message: event.message ?? 'error' });
        if (event.event === 'test' && !event.passed) issues.push({ code: 'test-failed', message: `${event.source}: ${event.message}` });
      }
      if (total === 0 && issues.length === 0) issues.push({ code: 'no-tests', message: 'The tests hold no assert.' });
      const finished = events.some((event) => event.event === 'done');
      if (!finished && !result.timedOut && !result.outputLimited && !events.some((event) => event.event === 'error')) {
        issues.push({ code: 'crashed', message: `The run ended early (exit ${result.exitCode ?? result.signal}).` });
      }
      const summary = `${passed}/${total} tests passed in ${result.durationMs} ms`;
      const details = issues.map((issue) => `${issue.code}: ${issue.message}`).join('\n');
      return {
        value: total > 0 ? passed / total : 0,
        evidence: tail([summary, details, result.stderr.trim()].filter((part) => part !== '').join('\n')),
        ...(issues.length > 0 ? { issues } : {}),
      };
    },
  };
}
