import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reason } from '../engine/index.js';
import { closeModels } from '../models/registry.js';
import { RunStore, TRACE_PROBLEM_ID } from '../store/index.js';
import { keepAskTrace } from './keep-trace.js';

const folder = mkdtempSync(join(tmpdir(), 'slowthink-keep-trace-'));
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await closeModels();
});

describe('keepAskTrace', () => {
  it("keeps a real ask's trace as a one-job run whose events replay the thinking", async () => {
    const request = { question: 'What is 23+19?', model: 'slowthink-mini', strategy: 'self-consistency', options: { n: 2 }, seed: 3 };
    const result = await reason(request);
    const path = join(folder, 'runs.db');
    const id = await keepAskTrace(request, result, path);
    const store = RunStore.open(path, { mustExist: true });
    try {
      const run = store.getRun(id ?? '');
      expect(run).toMatchObject({
        task: 'ask',
        status: 'completed',
        options: { kind: 'trace', source: 'ask', strategy: 'self-consistency' },
      });
      expect(store.problems(run.id)).toEqual([{ id: TRACE_PROBLEM_ID, task: 'ask', question: 'What is 23+19?' }]);
      const [job] = store.results(run.id);
      expect(job).toMatchObject({ answer: result.answer, completionTokens: result.usage.completionTokens, samples: 2 });
      const trace = store.trace(run.id, TRACE_PROBLEM_ID, job?.config ?? '');
      const types = ((trace?.events ?? []) as Array<{ type: string }>).map((event) => event.type);
      expect(types.filter((type) => type === 'sample-end')).toHaveLength(2);
      expect(types.at(-1)).toBe('finish');
    } finally {
      store.close();
    }
  });

  it('warns and carries on when the store cannot be written', async () => {
    const blocker = join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await reason({ question: 'What is 2+2?', model: 'slowthink-mini', effort: 'none' });
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await keepAskTrace({ question: 'What is 2+2?' }, result, join(blocker, 'runs.db'))).toBeUndefined();
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/^warning: the trace was not kept/);
    } finally {
      warn.mockRestore();
    }
  });
});
