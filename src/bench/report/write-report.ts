/** @module Writes a run's report folder: results.json, plots as SVG and PNG, and a self-contained report.html. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { costPerCorrectOption, effortByLevelOption, groupedAccuracyOption, testTimeCurveOption } from './chart-options.js';
import { CHART_SIZE, renderSvg, svgToPng } from './render-chart.js';
import { renderReportHtml } from './report-html.js';
import type { BenchSummary } from './summary.js';

/** Paths of what was written. */
export interface ReportFiles {
  directory: string;
  results: string;
  html: string;
  plots: string[];
}

/** The plots a summary supports, as ECharts options. */
export function reportPlots(summary: BenchSummary): Array<{ name: string; title: string; option: Record<string, unknown> }> {
  const plots = [
    { name: 'test-time-curve', title: 'Accuracy vs generated tokens per problem (log axis)', option: testTimeCurveOption(summary) },
    { name: 'cost-per-correct', title: 'Generated tokens per correct answer', option: costPerCorrectOption(summary) },
    {
      name: 'accuracy-by-difficulty',
      title: 'Accuracy by difficulty',
      option: groupedAccuracyOption(
        summary.difficulty.bins,
        'Accuracy by difficulty',
        `bins of estimated pass@1 (${summary.difficulty.source})`,
        'difficulty bin',
      ),
    },
  ];
  const effortByLevel = effortByLevelOption(summary);
  if (effortByLevel !== undefined)
    plots.push({ name: 'effort-by-level', title: 'Accuracy vs tokens by effort, per level', option: effortByLevel });
  if (summary.byLevel.length > 0) {
    plots.push({
      name: 'accuracy-by-level',
      title: 'Accuracy by task level',
      option: groupedAccuracyOption(summary.byLevel, 'Accuracy by task level', summary.run.task, 'level'),
    });
  }
  return plots;
}

/** Writes the whole report into `directory` (created when missing); `png: false` skips rasterizing. */
export function writeReport(directory: string, summary: BenchSummary, options: { png?: boolean } = {}): ReportFiles {
  mkdirSync(directory, { recursive: true });
  const results = join(directory, 'results.json');
  writeFileSync(results, `${JSON.stringify(summary, null, 2)}\n`);
  // A plot with a tall legend (grid.bottom) gets a taller canvas so the axes keep their size.
  const heightOf = (option: Record<string, unknown>) =>
    Math.max(CHART_SIZE.height, 450 + Number((option['grid'] as { bottom?: number } | undefined)?.bottom ?? 0));
  const rendered = reportPlots(summary).map((plot) => ({
    ...plot,
    svg: renderSvg(plot.option, { width: CHART_SIZE.width, height: heightOf(plot.option) }),
  }));
  const plots: string[] = [];
  for (const plot of rendered) {
    const svgPath = join(directory, `${plot.name}.svg`);
    writeFileSync(svgPath, plot.svg);
    plots.push(svgPath);
    if (options.png !== false) {
      const pngPath = join(directory, `${plot.name}.png`);
      writeFileSync(pngPath, svgToPng(plot.svg));
      plots.push(pngPath);
    }
  }
  const html = join(directory, 'report.html');
  writeFileSync(html, renderReportHtml(summary, rendered));
  return { directory, results, html, plots };
}
