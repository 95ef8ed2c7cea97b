import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyJobRecord } from '../../bench/run/job-record.js';
import { topVoted } from '../../bench/statistics/statistics.js';
import { mulberry32 } from '../../random/mulberry32.js';
import { readRouter } from '../../route/index.js';
import { RunStore, type SampleRecord } from '../../store/index.js';
import { getTask } from '../../tasks/index.js';
import { evaluateRoute, fitRoute } from './route-action.js';

const folder = mkdtempSync(join(tmpdir(), 'slowthink-route-'));
const store = join(folder, 'runs.db');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A stored many-sample run of real generated questions; each problem's samples are right with its own rate (a fixture, not a model). */
function storeRun(id: string, model: string, seed: number): Map<string, SampleRecord[]> {
  const problems = [3, 4, 5].flatMap((level) => getTask('arithmetic').generate({ seed, count: 8, level }));
  const random = mulberry32(seed);
  const database = RunStore.open(store);
  const samplesOf = new Map<string, SampleRecord[]>();
  database.createRun({ id, task: 'arithmetic', model, jobCount: problems.length * 2, options: {} }, problems);
  for (const problem of problems) {
    const rate = (problem.level ?? 3) === 5 ? 0.35 : 0.8;
    const samples = Array.from({ length: 16 }, () => {
      const right = random() < rate;
      const answer = right ? (problem.answer as string) : String(Math.floor(random() * 3) + 1);
      return { answer, correct: right, tokens: 20 + Math.floor(random() * 40), score: undefined, confidence: undefined };
    });
    samplesOf.set(problem.id, samples);
    const best = topVoted(samples, (sample) => sample.answer)[0];
    database.saveResult(id, {
      ...emptyJobRecord(problem.id, 'self-consistency:n=16'),
      answer: best?.answer,
      correct: best?.correct ?? false,
      sampleRecords: samples,
    });
    database.saveResult(id, {
      ...emptyJobRecord(problem.id, 'effort=auto'),
      correct: samples[0]?.correct ?? false,
      completionTokens: samples[0]?.tokens ?? 0,
    });
  }
  database.close();
  return samplesOf;
}

const fit = {
  store,
  folds: 4,
  seed: 1,
  tokensPerAnswer: 2048 as number | 'auto',
  tokenShare: 0.25,
  minProblems: 4,
  effort: 'high',
  sampleTokens: 2048,
};

describe('slowthink route fit | eval', () => {
  const samples = storeRun('run-a', 'embedded:slowthink-mini', 11);
  storeRun('run-b', 'embedded:slowthink-mini', 12);
  storeRun('run-other', 'embedded:slowthink', 13);

  it('writes a router for the runs’ model and reports it against SC@N on the same problems, with the live configs', () => {
    const out = join(folder, 'mini.router.json');
    const { text, summary } = fitRoute(['run-a'], { ...fit, out });
    const router = readRouter(out);
    expect(router).toMatchObject({ model: 'embedded:slowthink-mini', runs: ['run-a'], config: 'self-consistency:n=16', effort: 'high' });
    expect(router.cells.some((cell) => cell.task === 'arithmetic')).toBe(true);
    // SC@16 recomputed independently from the stored samples (majority, ties to the first seen).
    const majority = [...samples.values()].filter((list) => topVoted(list, (sample) => sample.answer)[0]?.correct).length;
    expect(summary.rows.find((row) => row.name === 'SC@16')?.accuracy).toBeCloseTo(majority / samples.size, 10);
    expect(summary.reference).toBe('SC@16');
    expect(summary.rows[0]?.name).toBe('router (cross-validation)');
    expect(summary.rows.some((row) => row.name === 'effort=auto (live)')).toBe(true);
    expect(summary.sweep.length).toBeGreaterThan(3);
    expect(text).toContain('Router − SC@16, paired by problem');
    const chosen = fitRoute(['run-a'], { ...fit, tokensPerAnswer: 'auto', out: join(folder, 'auto.router.json') });
    expect(chosen.router.selection).toMatchObject({ tokenShare: 0.25 });
    expect([128, 256, 512, 1024, 2048, 4096, 8192, 16_384, 65_536]).toContain(chosen.router.selection.tokensPerAnswer);
    expect(chosen.summary.evaluation).toMatch(/^nested cross-validation/);
  });

  it('evaluates a fitted router on another run, and refuses runs of another model or without many samples', () => {
    const out = join(folder, 'mini.router.json');
    expect(existsSync(out)).toBe(true);
    const summary = JSON.parse(evaluateRoute(out, ['run-b'], { store, seed: 1, json: true })) as { problems: number; evaluation: string };
    expect(summary).toMatchObject({ problems: 24, evaluation: 'fitted router on other runs' });
    expect(() => fitRoute(['run-a', 'run-other'], { ...fit, out: join(folder, 'x.json') })).toThrow(/different models/);
    expect(() => evaluateRoute(out, ['run-other'], { store, seed: 1 })).toThrow(/fitted for embedded:slowthink-mini/);
    expect(() => fitRoute(['run-a'], { ...fit, config: 'effort=auto', out: join(folder, 'y.json') })).toThrow(/no finished problem/);
    expect(() => fitRoute(['nope'], { ...fit, out: join(folder, 'z.json') })).toThrow(/No run with id nope/);
  });
});
