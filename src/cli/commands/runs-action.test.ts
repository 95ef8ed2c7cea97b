import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeSolver } from '../../bench/run/fake-solver.js';
import { startBench } from '../../bench/run/run-bench.js';
import { RunStore } from '../../store/index.js';
import { onlyJsonObject, runCli } from '../../testing/run-cli.js';
import { exportRunText, listRunsText, resultsToCsv, showRunText } from './runs-action.js';

describe('runs list / show / export', () => {
  it('reads a stored run back as tables, JSON and CSV', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-runs-'));
    const storePath = join(folder, 'runs.db');
    const dataset = join(folder, 'p.jsonl');
    writeFileSync(dataset, ['{"question":"a, \\"b\\"","answer":"1"}', '{"question":"c","answer":"2"}'].join('\n'));
    const store = RunStore.open(storePath);
    const { run } = await startBench(
      { task: `jsonl:${dataset}`, model: 'fake', efforts: 'none', n: 2, seed: 1, concurrency: 1 },
      { store, solve: createFakeSolver(), lookupTask: () => undefined },
    );
    store.close();

    expect(listRunsText({ store: storePath })).toMatch(new RegExp(`${run.id}\\s+completed\\s+jsonl:.*2/2`));
    expect(JSON.parse(listRunsText({ store: storePath, json: true }))[0].id).toBe(run.id);
    expect(showRunText(run.id, { store: storePath })).toMatch(/effort=none\s+2/);
    expect(JSON.parse(showRunText(run.id, { store: storePath, json: true })).configs[0].n).toBe(2);
    expect(showRunText(run.id, { store: storePath, markdown: true })).toMatch(/^\| config \| n \| accuracy[\s\S]*\| `effort=none` \| 2 \|/);
    const csv = exportRunText(run.id, { store: storePath, format: 'csv' }).split('\n');
    expect(csv[0]).toBe(
      'problemId,config,answer,correct,promptTokens,completionTokens,reasoningTokens,costUsd,seconds,samples,calls,finishReason,stoppedBy,error,createdAt',
    );
    expect(csv).toHaveLength(3);
    expect(JSON.parse(exportRunText(run.id, { store: storePath })).problems).toHaveLength(2);
    expect(() => exportRunText(run.id, { store: storePath, format: 'xml' })).toThrow(/format/);
    expect(() => showRunText('missing', { store: storePath })).toThrow(/No run/);
    expect(
      resultsToCsv([{ ...JSON.parse(exportRunText(run.id, { store: storePath })).results[0], answer: 'x, "y"' }]).split('\n')[1],
    ).toContain('"x, ""y"""');
  });
});

describe('runs on a store that is not there', () => {
  it('refuses a named store path that does not exist, creating nothing (exit 2 through the CLI)', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'slowthink-runs-')), 'typo', 'runs.db');
    expect(() => listRunsText({ store: missing })).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'store' }));
    expect(() => showRunText('r1', { store: missing })).toThrow(/No run store/);
    expect(existsSync(dirname(missing))).toBe(false);
    // The default store before any bench run: an empty list, still nothing created.
    const home = mkdtempSync(join(tmpdir(), 'slowthink-home-'));
    const fresh = await runCli(['runs', 'list'], { env: { HOME: home, SLOWTHINK_STORE: undefined } });
    expect(fresh).toMatchObject({ code: 0, stdout: `No runs in ${join(home, '.slowthink', 'runs.db')}\n` });
    expect(existsSync(join(home, '.slowthink'))).toBe(false);
    const list = await runCli(['runs', 'list', '--store', missing]);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(/^error ST_INVALID_ARGUMENT: No run store at /);
    expect(existsSync(dirname(missing))).toBe(false);
  }, 30_000);

  it('runs show with an unknown id exits 2 (bad input), and --json makes it one error object', async () => {
    const storePath = join(mkdtempSync(join(tmpdir(), 'slowthink-runs-')), 'runs.db');
    RunStore.open(storePath).close();
    const shown = await runCli(['runs', 'show', 'BAD_ID', '--store', storePath, '--json']);
    expect(shown.code).toBe(2);
    expect(onlyJsonObject(shown.stdout)['error']).toMatchObject({ code: 'ST_INVALID_ARGUMENT', param: 'runId' });
  }, 30_000);
});
