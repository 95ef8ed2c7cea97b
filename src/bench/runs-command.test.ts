import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../store/index.js';
import { createFakeSolver } from './fake-solver.js';
import { startBench } from './run-bench.js';
import { exportRunText, listRunsText, resultsToCsv, showRunText } from './runs-command.js';

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
