/** @module A run summary as Markdown tables (for docs/results.md and issue comments). */
import type { BenchSummary } from './summary.js';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const interval = (low: number, high: number): string => `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}`;
const points = (value: number): string => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}`;

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** Configs, levels, difficulty bins, paired comparisons and N-sample curves as Markdown sections. */
export function summaryToMarkdown(summary: BenchSummary): string {
  const sections: string[] = [];
  sections.push(
    table(
      [
        'config',
        'n',
        'accuracy',
        '95% CI',
        'gen. tokens / problem (mean)',
        'median',
        'reasoning tokens',
        'samples',
        'seconds',
        'tokens / correct',
        ...(summary.price === null ? [] : ['$ / correct (priced)']),
        'failed',
      ],
      summary.configs.map((config) => [
        `\`${config.config}\``,
        String(config.n),
        percent(config.accuracy),
        interval(config.interval.low, config.interval.high),
        config.meanCompletionTokens.toFixed(0),
        config.medianCompletionTokens.toFixed(0),
        config.meanReasoningTokens.toFixed(0),
        config.meanSamples.toFixed(1),
        config.meanSeconds.toFixed(2),
        config.tokensPerCorrect === null ? '—' : config.tokensPerCorrect.toFixed(0),
        ...(summary.price === null ? [] : [config.pricedUsdPerCorrect === null ? '—' : `$${config.pricedUsdPerCorrect.toFixed(5)}`]),
        String(config.errors),
      ]),
    ),
  );
  if (summary.byLevel.length > 0) {
    const levels = [...new Set(summary.byLevel.map((row) => row.group))].sort();
    const configs = [...new Set(summary.byLevel.map((row) => row.config))];
    sections.push(
      table(
        ['config', ...levels.map((level) => `${level} accuracy (tokens)`)],
        configs.map((config) => [
          `\`${config}\``,
          ...levels.map((level) => {
            const row = summary.byLevel.find((entry) => entry.group === level && entry.config === config);
            return row === undefined ? '—' : `${percent(row.accuracy)} (${row.meanCompletionTokens.toFixed(0)}) n=${row.n}`;
          }),
        ]),
      ),
    );
  }
  if (summary.comparisons.length > 0) {
    sections.push(
      table(
        [
          'paired: first − second',
          'problems',
          'difference (pts)',
          '95% CI (bootstrap)',
          'only first / only second right',
          'McNemar p',
          'token ratio',
        ],
        summary.comparisons.map((comparison) => [
          `\`${comparison.first}\` − \`${comparison.second}\``,
          String(comparison.problems),
          points(comparison.difference),
          `${points(comparison.interval.low)} … ${points(comparison.interval.high)}`,
          `${comparison.onlyFirstCorrect} / ${comparison.onlySecondCorrect}`,
          comparison.mcnemarP.toFixed(3),
          comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
        ]),
      ),
    );
  }
  if (summary.subsampledComparisons.length > 0) {
    sections.push(
      table(
        [
          'adaptive config',
          'vs majority@N of',
          'N',
          'problems',
          'accuracy',
          'majority@N',
          'difference (pts)',
          '95% CI',
          'mean samples',
          'token ratio',
        ],
        summary.subsampledComparisons.map((comparison) => [
          `\`${comparison.config}\``,
          `\`${comparison.reference}\``,
          String(comparison.n),
          String(comparison.problems),
          percent(comparison.accuracy),
          percent(comparison.majorityAccuracy),
          points(comparison.difference),
          `${points(comparison.interval.low)} … ${points(comparison.interval.high)}`,
          comparison.meanSamples.toFixed(1),
          comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
        ]),
      ),
    );
  }
  for (const curve of summary.samplingCurves) {
    sections.push(
      `N-sample curves from \`${curve.config}\` (${curve.problems} problems × ${curve.samplesPerProblem} samples, ${curve.subsets} random subsets per N):\n\n` +
        table(
          ['N', 'gen. tokens / problem', 'majority@N', 'best-of-N (model confidence)', 'best-of-N (verifier)', 'pass@N (oracle)'],
          curve.points.map((point) => [
            String(point.n),
            point.meanTokens.toFixed(0),
            percent(point.majority),
            point.bestOfConfidence === null ? '—' : percent(point.bestOfConfidence),
            point.bestOfScore === null
              ? '—'
              : `${percent(point.bestOfScore)}${curve.scoreSource === 'exact-checker' ? ' (exact checker)' : ''}`,
            percent(point.passAt),
          ]),
        ),
    );
  }
  return sections.join('\n\n');
}
