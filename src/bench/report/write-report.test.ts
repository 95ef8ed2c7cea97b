import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../store/index.js';
import { createFakeSolver } from '../run/fake-solver.js';
import { startBench } from '../run/run-bench.js';
import { buildSummary } from './summary.js';
import { writeReport } from './write-report.js';

describe('writeReport', () => {
  it('writes results.json, SVG and PNG plots and a self-contained HTML page', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-report-'));
    const dataset = join(folder, 'problems.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      dataset,
      Array.from({ length: 10 }, (_, index) =>
        JSON.stringify({ question: `q${index}`, answer: String(index), level: 1 + (index % 3) }),
      ).join('\n'),
    );
    const store = RunStore.open(':memory:');
    const outcome = await startBench(
      {
        task: `jsonl:${dataset}`,
        model: 'fake',
        efforts: 'none,high',
        strategies: 'self-consistency:n=8,adaptive-consistency:n=8',
        n: 10,
        seed: 1,
        concurrency: 1,
      },
      { store, solve: createFakeSolver(), lookupTask: () => undefined, allowUnknownStrategies: true },
    );
    const summary = buildSummary(outcome.run, outcome.problems, store.results(outcome.run.id), {
      configs: outcome.configs.map((config) => config.key),
    });
    expect(summary.comparisons.map((comparison) => `${comparison.first} vs ${comparison.second}`)).toContain(
      'adaptive-consistency:n=8 vs self-consistency:n=8',
    );
    expect(summary.samplingCurves.map((curve) => curve.config)).toEqual(['self-consistency:n=8', 'adaptive-consistency:n=8']);
    expect(summary.byLevel.map((row) => row.group)).toContain('L3');

    const files = writeReport(join(folder, 'report'), summary);
    expect(files.plots.map((path) => path.slice(path.lastIndexOf('/') + 1)).sort()).toEqual([
      'accuracy-by-difficulty.png',
      'accuracy-by-difficulty.svg',
      'accuracy-by-level.png',
      'accuracy-by-level.svg',
      'cost-per-correct.png',
      'cost-per-correct.svg',
      'effort-by-level.png',
      'effort-by-level.svg',
      'test-time-curve.png',
      'test-time-curve.svg',
    ]);
    const png = readFileSync(join(folder, 'report', 'test-time-curve.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(folder, 'report', 'test-time-curve.svg'), 'utf8')).toMatch(/^<svg[\s\S]*majority@N/);
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(JSON.parse(readFileSync(files.results, 'utf8')).configs).toHaveLength(4);
  });
});
