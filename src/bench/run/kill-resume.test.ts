/** Starts a real bench CLI process on the fake solver, kills it with SIGKILL mid-run, resumes it, and checks the store. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../store/index.js';

const cli = join(import.meta.dirname, '..', '..', 'testing', 'bench-cli.ts');

function startCli(args: string[], delayMs: number): ChildProcess {
  // node itself (not npx) so that SIGKILL hits the process that writes the store.
  return spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    env: { ...process.env, SLOWTHINK_BENCH_SOLVER: 'fake', SLOWTHINK_BENCH_FAKE_DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

function readStore<T>(path: string, read: (store: RunStore) => T): T {
  const store = RunStore.open(path);
  try {
    return read(store);
  } finally {
    store.close();
  }
}

describe('kill -9 and --resume', () => {
  it('neither loses nor duplicates results', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-kill-'));
    const dataset = join(folder, 'problems.jsonl');
    writeFileSync(
      dataset,
      Array.from({ length: 20 }, (_, index) =>
        JSON.stringify({ question: `What is ${index} + ${index}?`, answer: String(2 * index) }),
      ).join('\n'),
    );
    const storePath = join(folder, 'runs.db');
    const common = ['--store', storePath, '--out', join(folder, 'report'), '--no-png', '--concurrency', '2'];
    const jobs = 20 * 3;

    const first = startCli(
      ['bench', '--task', `jsonl:${dataset}`, '--efforts', 'none,high', '--strategies', 'self-consistency:n=4', '--n', '20', ...common],
      100,
    );
    const firstExit = exited(first);
    let finishedBeforeKill = 0;
    for (let attempt = 0; attempt < 600 && finishedBeforeKill < 12; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      finishedBeforeKill = readStore(storePath, (store) => {
        const run = store.listRuns()[0];
        return run === undefined ? 0 : store.countResults(run.id).rows;
      });
    }
    first.kill('SIGKILL');
    expect((await firstExit).signal).toBe('SIGKILL');

    const before = readStore(storePath, (store) => {
      const run = store.listRuns()[0];
      if (run === undefined) throw new Error('no run was created');
      return { runId: run.id, results: store.results(run.id) };
    });
    expect(before.results.length).toBeGreaterThanOrEqual(12);
    expect(before.results.length).toBeLessThan(jobs);

    const second = startCli(['bench', '--resume', before.runId, ...common], 0);
    let output = '';
    second.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    second.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    expect(await exited(second), output).toMatchObject({ code: 0 });

    readStore(storePath, (store) => {
      expect(store.countResults(before.runId)).toEqual({ rows: jobs, distinct: jobs });
      expect(store.finishedJobKeys(before.runId).size).toBe(jobs);
      expect(store.getRun(before.runId).status).toBe('completed');
      const after = new Map(store.results(before.runId).map((result) => [`${result.problemId}|${result.config}`, result.createdAt]));
      // Jobs stored before the kill were kept as they were, not re-run.
      for (const result of before.results) {
        if (result.error === null) expect(after.get(`${result.problemId}|${result.config}`)).toBe(result.createdAt);
      }
    });
  }, 120_000);
});
