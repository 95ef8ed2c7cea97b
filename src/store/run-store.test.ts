import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRecord } from './records.js';
import { jobKey, RunStore, resolveStorePath } from './run-store.js';

function record(problemId: string, config: string, fields: Partial<JobRecord> = {}): JobRecord {
  return {
    problemId,
    config,
    answer: '4',
    correct: true,
    text: 'A: 4',
    promptTokens: 10,
    completionTokens: 20,
    reasoningTokens: 15,
    costUsd: 0,
    seconds: 0.5,
    samples: 2,
    calls: 1,
    finishReason: 'stop',
    stoppedBy: null,
    error: null,
    sampleRecords: [
      { answer: '4', correct: true, tokens: 10, score: 0.9, confidence: undefined },
      { answer: '5', correct: false, tokens: 10, score: undefined, confidence: 0.4 },
    ],
    events: [{ type: 'answer-start' }],
    thoughts: [{ id: 's0', parentId: null, role: 'sample', label: 'Sample 1', text: 'A: 4', answer: '4' }],
    ledger: [
      {
        phase: 'generate',
        model: 'm',
        samples: 2,
        promptTokens: 10,
        completionTokens: 20,
        nativeReasoningTokens: 0,
        cachedTokens: 0,
        latencyMs: 5,
        costUsd: 0,
      },
    ],
    ...fields,
  };
}

function openWithRun(path = ':memory:') {
  const store = RunStore.open(path);
  store.createRun({ id: 'r1', task: 'arithmetic', model: 'fake', jobCount: 4, options: { seed: 3 } }, [
    { id: 'p1', task: 'arithmetic', question: '2+2', answer: '4', level: 1 },
    { id: 'p2', task: 'arithmetic', question: '2+3', answer: '5' },
  ]);
  return store;
}

describe('RunStore', () => {
  it('round-trips runs, problems, results, samples, traces and ledgers', () => {
    const store = openWithRun();
    store.saveResult('r1', record('p1', 'effort=none'));
    expect(store.getRun('r1')).toMatchObject({ id: 'r1', status: 'running', jobCount: 4, options: { seed: 3 } });
    expect(store.problems('r1')).toEqual([
      { id: 'p1', task: 'arithmetic', question: '2+2', answer: '4', level: 1 },
      { id: 'p2', task: 'arithmetic', question: '2+3', answer: '5' },
    ]);
    const [result] = store.results('r1');
    expect(result).toMatchObject({ problemId: 'p1', config: 'effort=none', correct: true, completionTokens: 20, error: null });
    expect(result?.sampleRecords).toEqual([
      { answer: '4', correct: true, tokens: 10, score: 0.9, confidence: undefined },
      { answer: '5', correct: false, tokens: 10, score: undefined, confidence: 0.4 },
    ]);
    expect(store.trace('r1', 'p1', 'effort=none')?.thoughts).toHaveLength(1);
    expect(store.listRuns()[0]).toMatchObject({ id: 'r1', finished: 1, correct: 1 });
    store.close();
  });

  it('keeps one row per (problem, config): a re-save replaces, and failed jobs do not count as finished', () => {
    const store = openWithRun();
    store.saveResult('r1', record('p1', 'cot', { error: 'ST_MODEL_CALL_FAILED: boom', correct: false }));
    expect(store.finishedJobKeys('r1').size).toBe(0);
    store.saveResult('r1', record('p1', 'cot'));
    store.saveResult('r1', record('p2', 'cot', { correct: false }));
    expect(store.countResults('r1')).toEqual({ rows: 2, distinct: 2 });
    expect(store.finishedJobKeys('r1')).toEqual(new Set([jobKey('p1', 'cot'), jobKey('p2', 'cot')]));
    expect(store.results('r1').find((result) => result.problemId === 'p1')?.sampleRecords).toHaveLength(2);
    store.setStatus('r1', 'completed');
    expect(store.getRun('r1').status).toBe('completed');
    store.close();
  });

  it('persists to a WAL file and reports unknown runs as bad input', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'slowthink-store-')), 'nested', 'runs.db');
    const store = openWithRun(path);
    store.saveResult('r1', record('p1', 'cot'));
    store.close();
    const again = RunStore.open(path);
    expect(again.results('r1')).toHaveLength(1);
    expect(() => again.getRun('nope')).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'runId' }));
    again.close();
    expect(RunStore.open(path, { mustExist: true }).results('r1')).toHaveLength(1);
  });

  it('mustExist refuses a missing file and creates nothing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'slowthink-store-')), 'typo', 'runs.db');
    expect(() => RunStore.open(path, { mustExist: true })).toThrow(
      expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'store' }),
    );
    expect(existsSync(dirname(path))).toBe(false);
  });

  it('resolves the store path from the flag, then the environment, then the home folder', () => {
    expect(resolveStorePath('/x.db', { SLOWTHINK_STORE: '/y.db' })).toBe('/x.db');
    expect(resolveStorePath(undefined, { SLOWTHINK_STORE: '/y.db' })).toBe('/y.db');
    expect(resolveStorePath(undefined, {})).toMatch(/\.slowthink\/runs\.db$/);
  });
});
