/** @module The self-contained HTML report: inline SVG plots and tables, no external files or scripts. */
import type { BenchSummary } from './summary.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] as string);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const number = (value: number | null, digits = 0): string =>
  value === null ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The report page for a summary and its plots (name → SVG markup). */
export function renderReportHtml(summary: BenchSummary, plots: Array<{ name: string; title: string; svg: string }>): string {
  const run = summary.run;
  const configRows = summary.configs.map((config) => [
    config.config,
    String(config.n),
    `${percent(config.accuracy)} [${percent(config.interval.low)}, ${percent(config.interval.high)}]`,
    number(config.meanCompletionTokens),
    number(config.medianCompletionTokens),
    number(config.meanReasoningTokens),
    number(config.meanSamples, 1),
    number(config.meanSeconds, 2),
    number(config.tokensPerCorrect),
    config.usdPerCorrect === null ? '—' : `$${config.usdPerCorrect.toFixed(5)}`,
    config.pricedUsdPerCorrect === null ? '—' : `$${config.pricedUsdPerCorrect.toFixed(5)}`,
    String(config.errors),
  ]);
  const comparisonRows = summary.comparisons.map((comparison) => [
    `${comparison.first} − ${comparison.second}`,
    String(comparison.problems),
    `${(comparison.difference * 100).toFixed(1)} pts [${(comparison.interval.low * 100).toFixed(1)}, ${(comparison.interval.high * 100).toFixed(1)}]`,
    `${comparison.onlyFirstCorrect} / ${comparison.onlySecondCorrect}`,
    comparison.mcnemarP.toFixed(3),
    comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
  ]);
  const groupRows = (rows: BenchSummary['byLevel']) =>
    rows.map((row) => [
      row.group,
      row.config,
      String(row.n),
      `${percent(row.accuracy)} [${percent(row.interval.low)}, ${percent(row.interval.high)}]`,
      number(row.meanCompletionTokens),
    ]);
  const curveRows = summary.samplingCurves.flatMap((curve) =>
    curve.points.map((point) => [
      curve.config,
      String(point.n),
      number(point.meanTokens),
      percent(point.majority),
      point.bestOfConfidence === null ? '—' : percent(point.bestOfConfidence),
      point.bestOfScore === null ? '—' : `${percent(point.bestOfScore)}${curve.scoreSource === 'exact-checker' ? ' (exact checker)' : ''}`,
      percent(point.passAt),
    ]),
  );
  const sections = [
    `<h1>slowthink bench — ${escapeHtml(run.id)}</h1>`,
    `<p>Task <b>${escapeHtml(run.task)}</b>, model <b>${escapeHtml(run.model)}</b>, ${run.problems} problems, ${run.finished}/${run.jobs} jobs finished (${run.errors} failed), status ${escapeHtml(run.status)}, started ${escapeHtml(run.createdAt)}.</p>`,
    `<p>Settings: <code>${escapeHtml(JSON.stringify(summary.settings))}</code></p>`,
    ...plots.map((plot) => `<figure><figcaption>${escapeHtml(plot.title)}</figcaption>${plot.svg}</figure>`),
    '<h2>Accuracy and cost per config</h2>',
    table(
      [
        'config',
        'n',
        'accuracy [95% CI]',
        'tokens/problem',
        'median tokens',
        'reasoning tokens',
        'samples',
        'seconds',
        'tokens/correct',
        '$/correct',
        `$/correct at ${summary.price ?? 'no --price'}`,
        'failed',
      ],
      configRows,
    ),
    '<h2>Paired comparisons (same problems)</h2>',
    '<p>Difference in accuracy with a 95% paired-bootstrap interval; discordant counts (only first right / only second right) with the exact McNemar p-value; ratio of generated tokens.</p>',
    table(['first − second', 'problems', 'difference [95% CI]', 'discordant', 'McNemar p', 'token ratio'], comparisonRows),
    ...(summary.byLevel.length > 0
      ? ['<h2>By level</h2>', table(['level', 'config', 'n', 'accuracy [95% CI]', 'tokens/problem'], groupRows(summary.byLevel))]
      : []),
    `<h2>By difficulty</h2><p>Estimated pass@1 from ${escapeHtml(summary.difficulty.source)}.</p>`,
    table(['bin', 'config', 'n', 'accuracy [95% CI]', 'tokens/problem'], groupRows(summary.difficulty.bins)),
    ...(summary.subsampledComparisons.length > 0
      ? [
          '<h2>Adaptive vs majority@N (subsampled)</h2><p>Each adaptive config against majority@N over random size-N subsets of a larger stored sample set of the same problems; difference with a 95% paired-bootstrap interval.</p>',
          table(
            [
              'config',
              'reference samples',
              'N',
              'problems',
              'accuracy',
              'majority@N',
              'difference [95% CI]',
              'mean samples',
              'token ratio',
            ],
            summary.subsampledComparisons.map((comparison) => [
              comparison.config,
              comparison.reference,
              String(comparison.n),
              String(comparison.problems),
              percent(comparison.accuracy),
              percent(comparison.majorityAccuracy),
              `${(comparison.difference * 100).toFixed(1)} pts [${(comparison.interval.low * 100).toFixed(1)}, ${(comparison.interval.high * 100).toFixed(1)}]`,
              number(comparison.meanSamples, 1),
              comparison.tokenRatio === null ? '—' : comparison.tokenRatio.toFixed(2),
            ]),
          ),
        ]
      : []),
    ...(curveRows.length > 0
      ? [
          '<h2>Majority@N, best-of-N and pass@N</h2><p>Computed by subsampling one stored set of samples per problem (random subsets of size N; ties broken at random).</p>',
          table(['config', 'N', 'tokens/problem', 'majority@N', 'best-of-N (confidence)', 'best-of-N (verifier)', 'pass@N'], curveRows),
        ]
      : []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>slowthink bench ${escapeHtml(run.id)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 1.5em 0; } figcaption { font-weight: 600; margin-bottom: 0.5em; }
svg { max-width: 100%; height: auto; }
</style></head><body>
${sections.join('\n')}
</body></html>
`;
}
