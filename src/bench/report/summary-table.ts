/** @module Plain-text tables of a run summary for the terminal. */
import type { BenchSummary } from './summary.js';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** Left-aligned first column, right-aligned others, padded to the widest cell. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The per-config table plus paired comparisons. */
export function formatSummaryTable(summary: BenchSummary): string {
  const configs = formatTable(
    [
      'config',
      'n',
      'accuracy',
      '95% CI',
      'tokens',
      'samples',
      'seconds',
      'tokens/correct',
      ...(summary.price === null ? [] : ['$/correct (priced)']),
    ],
    summary.configs.map((config) => [
      config.config,
      String(config.n),
      percent(config.accuracy),
      `${percent(config.interval.low)}–${percent(config.interval.high)}`,
      config.meanCompletionTokens.toFixed(0),
      config.meanSamples.toFixed(1),
      config.meanSeconds.toFixed(2),
      config.tokensPerCorrect === null ? '—' : config.tokensPerCorrect.toFixed(0),
      ...(summary.price === null ? [] : [config.pricedUsdPerCorrect === null ? '—' : `$${config.pricedUsdPerCorrect.toFixed(5)}`]),
    ]),
  );
  if (summary.comparisons.length === 0) return configs;
  const comparisons = formatTable(
    ['paired: first − second', 'problems', 'difference', '95% CI', 'McNemar p', 'token ratio'],
    summary.comparisons.map((comparison) => [
      `${comparison.first} − ${comparison.second}`,
      String(comparison.problems),
      `${(comparison.difference * 100).toFixed(1)} pts`,
      `${(comparison.interval.low * 100).toFixed(1)}…${(comparison.interval.high * 100).toFixed(1)}`,
      comparison.mcnemarP.toFixed(3),
      comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
    ]),
  );
  if (summary.subsampledComparisons.length === 0) return `${configs}\n\n${comparisons}`;
  const subsampled = formatTable(
    ['adaptive vs majority@N (subsampled)', 'N', 'problems', 'difference', '95% CI', 'token ratio'],
    summary.subsampledComparisons.map((comparison) => [
      `${comparison.config} vs ${comparison.reference}`,
      String(comparison.n),
      String(comparison.problems),
      `${(comparison.difference * 100).toFixed(1)} pts`,
      `${(comparison.interval.low * 100).toFixed(1)}…${(comparison.interval.high * 100).toFixed(1)}`,
      comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
    ]),
  );
  return `${configs}\n\n${comparisons}\n\n${subsampled}`;
}
