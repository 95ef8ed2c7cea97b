/** @module ECharts options for the report's plots, built from a run summary (pure data → option objects). */
import { EFFORTS } from '../../spec/index.js';
import type { ConfigSummary, GroupAccuracy } from '../statistics/metrics.js';
import type { BenchSummary } from './summary.js';

/** A colour-blind-friendly palette (Okabe-Ito, then Tableau). */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8c564b', '#7f7f7f', '#bcbd22'];

const EFFORT_ORDER: readonly string[] = EFFORTS;
const percent = (value: number): number => Math.round(value * 1000) / 10;

/** The family a config is drawn with: `effort` for plain efforts, else its strategy name (options vary along the line). */
export function familyOf(config: string): string {
  if (/^effort=[a-z]+$/.test(config)) return 'effort';
  return config.replace(/:.*$/, '');
}

function pointLabel(config: string): string {
  if (/^effort=[a-z]+$/.test(config)) return config.slice('effort='.length);
  const options = /:(.*)$/.exec(config)?.[1];
  return options ?? config;
}

function familyOrder(summary: ConfigSummary): number {
  const effort = /^effort=([a-z]+)$/.exec(summary.config)?.[1];
  return effort === undefined ? summary.meanCompletionTokens : EFFORT_ORDER.indexOf(effort);
}

const axisText = { fontSize: 13, color: '#333' };

/** The x axis of the compute plots: generated tokens per problem, log scale. */
function tokensAxis(): Record<string, unknown> {
  const name = 'generated tokens per problem';
  return { type: 'log', logBase: 10, name, nameLocation: 'middle', nameGap: 32, axisLabel: axisText, nameTextStyle: axisText };
}

/** The y axis of every accuracy plot: 0-100 %. */
function accuracyAxis(): Record<string, unknown> {
  return {
    type: 'value',
    min: 0,
    max: 100,
    name: 'accuracy (%)',
    nameLocation: 'middle',
    nameGap: 48,
    axisLabel: axisText,
    nameTextStyle: axisText,
  };
}
const base = (title: string, subtitle: string) => ({
  title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 18 }, subtextStyle: { fontSize: 12, color: '#555' } },
  legend: { bottom: 8, textStyle: { fontSize: 12 }, type: 'plain' },
  grid: { left: 80, right: 40, top: 80, bottom: 110 },
});

/** Accuracy against mean generated tokens per problem (log x), one line per family, error bars = 95 % Wilson CI; plus N-sample curves. */
export function testTimeCurveOption(summary: BenchSummary): Record<string, unknown> {
  const families = new Map<string, ConfigSummary[]>();
  for (const config of summary.configs.filter((entry) => entry.n > 0))
    families.set(familyOf(config.config), [...(families.get(familyOf(config.config)) ?? []), config]);
  const series: Array<Record<string, unknown>> = [];
  const legend: string[] = [];
  let colourIndex = 0;
  for (const [family, configs] of families) {
    const color = PALETTE[colourIndex++ % PALETTE.length];
    const sorted = [...configs].sort((a, b) => familyOrder(a) - familyOrder(b));
    const name = family === 'effort' ? 'effort (none → max)' : family;
    legend.push(name);
    series.push({
      name,
      type: 'line',
      color,
      symbolSize: 9,
      lineStyle: { width: 2.5 },
      label: {
        show: true,
        position: 'top',
        formatter: (parameters: { data: { label: string } }) => parameters.data.label,
        fontSize: 11,
        color,
      },
      data: sorted.map((config) => ({
        value: [Math.max(1, config.meanCompletionTokens), percent(config.accuracy)],
        label: pointLabel(config.config),
      })),
    });
    for (const config of sorted) {
      series.push({
        type: 'line',
        color,
        symbol: 'none',
        lineStyle: { width: 1.2, opacity: 0.6 },
        data: [
          [Math.max(1, config.meanCompletionTokens), percent(config.interval.low)],
          [Math.max(1, config.meanCompletionTokens), percent(config.interval.high)],
        ],
      });
    }
  }
  for (const curve of summary.samplingCurves) {
    const lines: Array<[string, 'majority' | 'bestOfConfidence' | 'bestOfScore' | 'passAt', string]> = [
      [`majority@N (${curve.config})`, 'majority', 'solid'],
      [`best-of-N by model confidence (${curve.config})`, 'bestOfConfidence', 'dashed'],
      [`best-of-N by verifier (${curve.config})`, 'bestOfScore', 'dashed'],
      [`pass@N = oracle best-of-N (${curve.config})`, 'passAt', 'dotted'],
    ];
    for (const [name, field, dash] of lines) {
      if (field === 'bestOfConfidence' && !curve.hasConfidence) continue;
      if (field === 'bestOfScore' && curve.scoreSource !== 'verifier') continue;
      const color = PALETTE[colourIndex++ % PALETTE.length];
      legend.push(name);
      series.push({
        name,
        type: 'line',
        color,
        symbolSize: 6,
        lineStyle: { width: 2, type: dash },
        label: {
          show: true,
          position: 'bottom',
          formatter: (parameters: { data: { label: string } }) => parameters.data.label,
          fontSize: 10,
          color,
        },
        data: curve.points.map((point) => ({ value: [Math.max(1, point.meanTokens), percent(point[field] ?? 0)], label: `N=${point.n}` })),
      });
    }
  }
  return {
    ...base(
      `Test-time compute: accuracy vs generated tokens — ${summary.run.model}`,
      `${summary.run.task}; bars: 95% Wilson CI; x: mean generated tokens per problem (log)`,
    ),
    legend: { bottom: 8, data: legend, textStyle: { fontSize: 12 } },
    // Room below the axis for the legend: about two entries per row.
    grid: { left: 80, right: 40, top: 80, bottom: 90 + 26 * Math.ceil(legend.length / 2) },
    xAxis: tokensAxis(),
    yAxis: accuracyAxis(),
    series,
  };
}

/** Generated tokens per correct answer, one bar per config. */
export function costPerCorrectOption(summary: BenchSummary): Record<string, unknown> {
  const configs = summary.configs.filter((config) => config.tokensPerCorrect !== null);
  const values = configs.map((config) => config.tokensPerCorrect as number);
  const logScale = values.length > 0 && Math.max(...values) / Math.max(1, Math.min(...values)) > 30;
  return {
    ...base(
      'Cost of a correct answer',
      `generated tokens per correct answer${logScale ? ' (log scale)' : ''}${summary.price === null ? '' : `; priced at ${summary.price} in the tables`}`,
    ),
    grid: { left: 90, right: 40, top: 80, bottom: 140 },
    xAxis: { type: 'category', data: configs.map((config) => config.config), axisLabel: { ...axisText, rotate: 25, interval: 0 } },
    yAxis: {
      type: logScale ? 'log' : 'value',
      name: 'tokens per correct answer',
      nameLocation: 'middle',
      nameGap: 64,
      axisLabel: axisText,
      nameTextStyle: axisText,
    },
    series: [
      {
        type: 'bar',
        color: PALETTE[0],
        barMaxWidth: 60,
        label: {
          show: true,
          position: 'top',
          fontSize: 12,
          formatter: (parameters: { value: number }) => String(Math.round(parameters.value)),
        },
        data: values.map((value) => Math.max(1, value)),
      },
    ],
  };
}

/** Accuracy per group (difficulty bin or level) with one bar per config. */
export function groupedAccuracyOption(
  rows: readonly GroupAccuracy[],
  title: string,
  subtitle: string,
  groupName: string,
): Record<string, unknown> {
  const groups = [...new Set(rows.map((row) => row.group))].sort();
  const configs = [...new Set(rows.map((row) => row.config))];
  return {
    ...base(title, subtitle),
    legend: { bottom: 8, data: configs, textStyle: { fontSize: 12 } },
    xAxis: {
      type: 'category',
      data: groups,
      name: groupName,
      nameLocation: 'middle',
      nameGap: 32,
      axisLabel: axisText,
      nameTextStyle: axisText,
    },
    yAxis: accuracyAxis(),
    series: configs.map((config, index) => ({
      name: config,
      type: 'bar',
      color: PALETTE[index % PALETTE.length],
      data: groups.map((group) => {
        const row = rows.find((entry) => entry.group === group && entry.config === config);
        return row === undefined ? null : percent(row.accuracy);
      }),
    })),
  };
}

/** Per task level, accuracy against generated tokens as effort rises (one line per level, points = efforts). */
export function effortByLevelOption(summary: BenchSummary): Record<string, unknown> | undefined {
  const rows = summary.byLevel.filter((row) => /^effort=[a-z]+$/.test(row.config));
  const levels = [...new Set(rows.map((row) => row.group))].sort();
  if (rows.length === 0 || new Set(rows.map((row) => row.config)).size < 2) return undefined;
  const rank = (config: string) => EFFORT_ORDER.indexOf(config.slice('effort='.length));
  return {
    ...base(
      `Effort by level: accuracy vs generated tokens — ${summary.run.model}`,
      `${summary.run.task}; one line per level, points = efforts (log x)`,
    ),
    legend: { bottom: 8, data: levels, textStyle: { fontSize: 12 } },
    xAxis: tokensAxis(),
    yAxis: accuracyAxis(),
    series: levels.map((level, index) => {
      const color = PALETTE[index % PALETTE.length];
      return {
        name: level,
        type: 'line',
        color,
        symbolSize: 8,
        lineStyle: { width: 2.5 },
        label: {
          show: true,
          position: 'top',
          fontSize: 10,
          color,
          formatter: (parameters: { data: { label: string } }) => parameters.data.label,
        },
        data: rows
          .filter((row) => row.group === level)
          .sort((a, b) => rank(a.config) - rank(b.config))
          .map((row) => ({
            value: [Math.max(1, row.meanCompletionTokens), percent(row.accuracy)],
            label: row.config.slice('effort='.length),
          })),
      };
    }),
  };
}
