/**
 * @module `npm run bench:rl-curve -- --metrics training/checkpoints/mini-rl/metrics.jsonl [--window 20] [--out docs/results/rl]`:
 * what happened during an RL run, step by step, from the metrics line rl.py writes per step: the rollouts' pass rate
 * and reward, mean thinking length (tokens), the share of chains with a self-check (`Wait, let me check.`), and the KL
 * to the starting weights; with the held-out monitor on, greedy accuracy on the validation problems (not smoothed).
 * Moving means over `--window` steps; writes PNG + SVG and a table every `--every` steps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PALETTE } from '../src/bench/report/chart-options.js';
import { renderSvg, svgToPng } from '../src/bench/report/render-chart.js';
import { mean } from '../src/bench/statistics/statistics.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:rl-curve -- --metrics FILE [--window 20] [--every 50] [--out docs/results/rl]
Pass rate, thinking length, self-check rate and KL against RL step, from rl.py's metrics.jsonl; writes PNG + SVG + a table.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    metrics: { type: 'string', default: 'training/checkpoints/mini-rl/metrics.jsonl' },
    window: { type: 'string', default: '20' },
    every: { type: 'string', default: '50' },
    out: { type: 'string', default: 'docs/results/rl' },
  },
});
const window = numberFlag(USAGE, 'window', values.window, 1);
const every = numberFlag(USAGE, 'every', values.every, 1);

/** One update's line of rl.py's metrics.jsonl (the fields this script reads). */
interface StepMetrics {
  step: number;
  reward: number;
  pass: number;
  kl: number;
  mean_length: number;
  self_check_rate: number;
  flops: number;
  minutes: number;
}

/** Any line: step 0 has only the monitor's reading of the start, other lines an update and, every few steps, a reading. */
type MetricsLine = Partial<StepMetrics> & { step: number; validation_mean?: number };

const lines = readFileSync(values.metrics, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as MetricsLine)
  .sort((a, b) => a.step - b.step);
const validation = lines.filter((line) => line.validation_mean !== undefined);
const steps = lines.filter((line): line is StepMetrics & MetricsLine => line.reward !== undefined);
if (steps.length === 0) throw new Error(`${values.metrics} has no steps`);

/** The moving mean of one field over the last `window` steps, at every step. */
const smooth = (field: keyof StepMetrics) =>
  steps.map((_, index) => mean(steps.slice(Math.max(0, index - window + 1), index + 1).map((line) => line[field])));
const pass = smooth('pass').map((value) => value * 100);
const length = smooth('mean_length');
const checks = smooth('self_check_rate').map((value) => value * 100);
const kl = smooth('kl');
const reward = smooth('reward');

const series = (name: string, data: number[], color: string | undefined, yAxisIndex = 0) => ({
  name,
  type: 'line',
  yAxisIndex,
  showSymbol: false,
  color,
  lineStyle: { width: 2.5 },
  data: data.map((value, index) => [steps[index]?.step, Math.round(value * 100) / 100]),
});
const option = {
  title: {
    text: 'RL: rollouts step by step',
    subtext: `${values.metrics}; moving mean over ${window} steps; rollouts on the curriculum's problems, validation greedy on held-out ones`,
    left: 'center',
  },
  legend: { bottom: 8, textStyle: { fontSize: 12 } },
  grid: { left: 70, right: 80, top: 80, bottom: 90 },
  xAxis: { type: 'value', name: 'RL step', nameLocation: 'middle', nameGap: 30 },
  yAxis: [
    { type: 'value', min: 0, max: 100, name: 'pass rate, self-checks (%)', nameLocation: 'middle', nameGap: 45 },
    { type: 'value', min: 0, name: 'thinking length (tokens)', nameLocation: 'middle', nameGap: 50 },
  ],
  series: [
    series('pass rate of rollouts (%)', pass, PALETTE[0]),
    series('chains with a self-check (%)', checks, PALETTE[1]),
    series('mean thinking length (tokens)', length, PALETTE[2], 1),
    {
      name: 'validation, greedy (%)',
      type: 'line',
      color: PALETTE[3],
      lineStyle: { width: 2.5, type: 'dashed' },
      data: validation.map((line) => [line.step, Math.round((line.validation_mean ?? 0) * 1000) / 10]),
    },
  ],
};

const rows = steps.filter((_, index) => index === 0 || (index + 1) % every === 0 || index === steps.length - 1);
/** The latest validation reading at or before a step (the monitor runs every few steps). */
const validatedBy = (step: number) => validation.filter((line) => line.step <= step).at(-1);
const table = [
  `RL run ${values.metrics}: moving means over ${window} steps (rollouts on training problems); validation: the latest greedy reading (step).`,
  '',
  '| step | minutes | compute (FLOPs) | pass rate | reward | thinking length (tokens) | self-checks | KL to start | validation, greedy |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((line) => {
    const index = steps.indexOf(line);
    const reading = validatedBy(line.step);
    const validated = reading ? `${((reading.validation_mean ?? 0) * 100).toFixed(1)} % (${reading.step})` : '–';
    return `| ${line.step} | ${line.minutes.toFixed(1)} | ${line.flops.toExponential(2)} | ${(pass[index] ?? 0).toFixed(1)} % | ${(reward[index] ?? 0).toFixed(3)} | ${(length[index] ?? 0).toFixed(0)} | ${(checks[index] ?? 0).toFixed(1)} % | ${(kl[index] ?? 0).toFixed(4)} | ${validated} |`;
  }),
];
console.log(table.join('\n'));
mkdirSync(values.out, { recursive: true });
const svg = renderSvg(option);
writeFileSync(join(values.out, 'rl-steps.svg'), svg);
writeFileSync(join(values.out, 'rl-steps.png'), svgToPng(svg));
writeFileSync(join(values.out, 'rl-steps.md'), `${table.join('\n')}\n`);
console.error(`wrote ${values.out}/rl-steps.{png,svg,md}`);
