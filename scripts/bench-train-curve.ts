/**
 * @module `npm run bench:train-curve -- --run mini=DIR --run full=DIR [--count 20] [--out docs/results/train-time]`:
 * o1's *train-time* curve for our own models. Each DIR holds checkpoints (`*.safetensors`) saved during one training
 * run; every checkpoint is exported to GGUF and answers the same held-out problems greedily (seed 1_000_001). Prints
 * a table and writes accuracy against training compute (6 · parameters · tokens, log axis) as PNG + SVG. `--replot`
 * redraws from the folder's train-time.json without running the models;
 * `--add` keeps its other runs and evaluates only the `--run`s given. `--split held-out-shapes` (issue #20) measures
 * arithmetic L3–L5 on in-distribution and held-out shapes alike and draws two lines per level (docs/generalisation.md);
 * `--pytorch` decodes each cell in one batch through training/sample.py (1 thread) instead of llama.cpp on a GGUF export.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PALETTE } from '../src/bench/report/chart-options.js';
import { renderSvg, svgToPng } from '../src/bench/report/render-chart.js';
import { createEmbeddedModel } from '../src/models/embedded.js';
import { promptTokens, questionOf, splitCompletion } from '../src/models/gguf/embedded-format.js';
import { exportSafetensorsToGguf } from '../src/models/gguf/export-gguf.js';
import { readSafetensors } from '../src/models/gguf/safetensors.js';
import { decodeTokens } from '../src/models/gguf/vocab.js';
import type { ProblemSplit } from '../src/spec/task.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask } from '../src/tasks/index.js';
import { answerOf } from './answer-of.js';
import { failUsage, numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:train-curve -- --run NAME=DIR [--run NAME=DIR ...] [--count 20] [--batch-tokens 6144]
       [--out docs/results/train-time] [--replot] [--add] [--split held-out-shapes] [--pytorch]
Accuracy against training compute for checkpoints saved during training runs; writes PNG + SVG.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    run: { type: 'string', multiple: true, default: [] },
    count: { type: 'string', default: '20' },
    'batch-tokens': { type: 'string', default: '6144' },
    out: { type: 'string', default: 'docs/results/train-time' },
    replot: { type: 'boolean', default: false },
    /** Keep the folder's other runs and add (or replace) the `--run`s given. */
    add: { type: 'boolean', default: false },
    /** `held-out-shapes`: arithmetic L3–L5 on both splits, a line per level and split (default out docs/results/generalisation). */
    split: { type: 'string' },
    /** Greedy through PyTorch's batched decoder (training/sample.py), a cell per batch; same tokens as llama.cpp (parity test). */
    pytorch: { type: 'boolean', default: false },
  },
});
const count = numberFlag(USAGE, 'count', values.count, 1);
const batchTokens = numberFlag(USAGE, 'batch-tokens', values['batch-tokens'], 1);
if (values.split !== undefined && values.split !== 'held-out-shapes')
  failUsage(USAGE, `--split is held-out-shapes (or absent), got "${values.split}"`);
const bySplit = values.split === 'held-out-shapes';
const out = values.out === 'docs/results/train-time' && bySplit ? 'docs/results/generalisation' : values.out;
/** A cell: task, level and, for `--split`, the split its problems come from (absent: in distribution). */
type Cell = [string, number] | [string, number, ProblemSplit];
const splitCells: Cell[] = [3, 4, 5].flatMap((level): Cell[] => [
  ['arithmetic', level, 'train'],
  ['arithmetic', level, 'held-out-shapes'],
]);
const defaultCells: Cell[] = [
  ['arithmetic', 1],
  ['arithmetic', 2],
  ['arithmetic', 3],
  ['arithmetic', 4],
  ['arithmetic', 5],
  ['countdown', 2],
];
const storedFile = () => JSON.parse(readFileSync(join(out, 'train-time.json'), 'utf8')) as { points: Point[]; cells?: Cell[] };
// A replot draws the cells the folder was measured on.
const cells: Cell[] = values.replot ? (storedFile().cells ?? defaultCells) : bySplit ? splitCells : defaultCells;

interface Point {
  run: string;
  step: number;
  parameters: number;
  /** 6 · parameters · steps · batch tokens (the nominal token budget per step), or what an RL snapshot recorded. */
  flops: number;
  accuracy: number[];
  overall: number;
}

const stored = () => storedFile().points;
const adding = new Set(values.run.map((spec) => spec.split('=')[0]));
const points: Point[] = values.replot ? stored() : values.add ? stored().filter((point) => !adding.has(point.run)) : [];
for (const spec of values.replot ? [] : values.run) {
  const [run, directory] = spec.split('=') as [string, string];
  const files = readdirSync(directory).filter((file) => file.endsWith('.safetensors'));
  for (const file of files) {
    const path = join(directory, file);
    const { weights, metadata } = readSafetensors(path);
    const step = Number(metadata['step']);
    const parameters = [...weights.values()].reduce((sum, tensor) => sum + tensor.shape.reduce((a, b) => a * b, 1), 0);
    const gguf = join(tmpdir(), `train-curve-${run}-${step}.gguf`);
    if (!values.pytorch) exportSafetensorsToGguf(path, gguf, 'F16');
    // Eight sequences decode a cell's problems side by side on one thread (greedy: the same tokens as one at a time).
    const model = values.pytorch ? undefined : await createEmbeddedModel({ tier: 'mini', path: gguf, sequences: 8, threads: 1 });
    const cellProblems = cells.map(([taskName, level, split]) => ({
      task: getTask(taskName),
      problems: getTask(taskName).generate({ seed: EVAL_SEED, count, level, ...(split ? { split } : {}) }),
    }));
    const messages = (question: string) => [{ role: 'user' as const, content: question }];
    // PyTorch decodes every cell's problems in one batch (one Python start per checkpoint).
    const batch = model
      ? []
      : pytorchGreedy(
          path,
          cellProblems.flatMap(({ problems }) => problems.map((problem) => questionOf(messages(problem.question), []))),
        );
    const accuracy: number[] = [];
    for (const [cellIndex, { task, problems }] of cellProblems.entries()) {
      const texts = model
        ? (await Promise.all(problems.map((problem) => model.doGenerate({ messages: messages(problem.question), temperature: 0 })))).map(
            (result) => result.samples[0]?.text ?? '',
          )
        : batch.slice(cellIndex * count, (cellIndex + 1) * count);
      const correct = problems.filter((problem, index) => task.check(problem.question, answerOf({ text: texts[index] ?? '' }))).length;
      accuracy.push(correct / count);
    }
    await model?.close?.();
    const point = {
      run,
      step,
      parameters,
      // RL snapshots record their compute (SFT's plus RL's, rollouts included); SFT snapshots the nominal token budget.
      flops: metadata['flops'] !== undefined ? Number(metadata['flops']) : 6 * parameters * step * batchTokens,
      accuracy,
      overall: accuracy.reduce((a, b) => a + b, 0) / accuracy.length,
    };
    points.push(point);
    console.error(`${run} step ${step}: ${accuracy.map((value) => `${Math.round(value * 100)}%`).join(' ')}`);
  }
}
points.sort((a, b) => a.run.localeCompare(b.run) || a.step - b.step);

const cellName = ([task, level, split]: Cell) =>
  `${task === 'arithmetic' ? 'arith' : 'countdown'} L${level}${split === undefined ? '' : split === 'train' ? ' in-dist' : ' held-out'}`;
const header = cells.map(cellName);
const lines = [
  `Greedy accuracy on ${count} held-out problems per cell (seed ${EVAL_SEED}) at checkpoints saved during training.`,
  '',
  `| run | params | step | train compute (FLOPs) | ${header.join(' | ')} | mean |`,
  `|---|---|---|---|${header.map(() => '---').join('|')}|---|`,
  ...points.map(
    (point) =>
      `| ${point.run} | ${(point.parameters / 1e6).toFixed(2)} M | ${point.step} | ${point.flops.toExponential(2)} | ${point.accuracy
        .map((value) => `${(value * 100).toFixed(0)} %`)
        .join(' | ')} | ${(point.overall * 100).toFixed(1)} % |`,
  ),
];
console.log(lines.join('\n'));

// One line per run (the mean over cells), labelled with the step; the table has every cell.
const meanSeries = [...new Set(points.map((point) => point.run))].map((run, runIndex) => ({
  name: `${run} (${((points.find((point) => point.run === run)?.parameters ?? 0) / 1e6).toFixed(2)} M params)`,
  type: 'line',
  color: PALETTE[runIndex % PALETTE.length],
  symbolSize: 9,
  lineStyle: { width: 2.5 },
  label: { show: true, position: 'top', formatter: (parameters: { data: { label: string } }) => parameters.data.label },
  data: points
    .filter((point) => point.run === run)
    .map((point) => ({ value: [point.flops, Math.round(point.overall * 1000) / 10], label: `step ${point.step}` })),
}));
// With splits: a line per run and cell, one colour per level, held-out shapes dashed beside in distribution solid.
const splitDrawn = cells.some((cell) => cell[2] !== undefined);
const levels = [...new Set(cells.map((cell) => cell[1]))];
const runs = [...new Set(points.map((point) => point.run))];
const cellSeries = runs.flatMap((run) =>
  cells.map((cell, cellIndex) => ({
    name: `${runs.length > 1 ? `${run} ` : ''}${cellName(cell)}`,
    type: 'line',
    color: PALETTE[levels.indexOf(cell[1]) % PALETTE.length],
    symbol: cell[2] === 'held-out-shapes' ? 'triangle' : 'circle',
    symbolSize: 8,
    lineStyle: { width: 2.5, type: cell[2] === 'held-out-shapes' ? 'dashed' : 'solid' },
    data: points
      .filter((point) => point.run === run)
      .map((point) => [point.flops, Math.round((point.accuracy[cellIndex] ?? 0) * 1000) / 10]),
  })),
);
const option = {
  title: {
    text: splitDrawn
      ? 'Held-out shapes vs in distribution: greedy accuracy vs training FLOPs'
      : 'Train-time compute: greedy accuracy vs training FLOPs',
    subtext: splitDrawn
      ? `${count} problems per cell (seed ${EVAL_SEED}); solid: shapes training sees, dashed: shapes it never sees; x: 6 · parameters · tokens (log)`
      : `mean over ${cells.length} cells (arithmetic L1–L5, Countdown 4 numbers), ${count} held-out problems each; x: 6 · parameters · tokens (log)`,
    left: 'center',
  },
  legend: { bottom: 8, textStyle: { fontSize: 12 } },
  grid: { left: 80, right: 40, top: 80, bottom: 110 },
  xAxis: {
    type: 'log',
    min: 10 ** Math.floor(Math.log10(Math.min(...points.map((point) => point.flops)))),
    max: 10 ** Math.ceil(Math.log10(Math.max(...points.map((point) => point.flops)))),
    axisLabel: { formatter: (value: number) => value.toExponential(0) },
    name: 'training compute (FLOPs)',
    nameLocation: 'middle',
    nameGap: 32,
  },
  yAxis: {
    type: 'value',
    min: 0,
    max: 100,
    name: splitDrawn ? 'greedy accuracy (%)' : 'greedy accuracy, mean of cells (%)',
    nameLocation: 'middle',
    nameGap: 48,
  },
  series: splitDrawn ? cellSeries : meanSeries,
};
mkdirSync(out, { recursive: true });
const svg = renderSvg(option);
writeFileSync(join(out, 'train-time.svg'), svg);
writeFileSync(join(out, 'train-time.png'), svgToPng(svg));
writeFileSync(join(out, 'train-time.md'), `${lines.join('\n')}\n`);
writeFileSync(join(out, 'train-time.json'), `${JSON.stringify({ count, seed: EVAL_SEED, cells, points }, null, 2)}\n`);
console.error(`wrote ${out}/train-time.{png,svg,md,json}`);

/** The `A:` lines of greedy completions from a safetensors checkpoint, all questions in one batch (training/sample.py, 1 thread). */
function pytorchGreedy(checkpoint: string, questions: readonly string[]): string[] {
  const file = join(tmpdir(), `train-curve-prompts-${process.pid}.json`);
  // The runtime's prompt: the question, then the `<think>` prefill (sample.py adds BOS).
  const prefill = promptTokens('', true, undefined).prefill;
  writeFileSync(file, JSON.stringify(questions.map((question) => `${question}\n${prefill}`)));
  const output = execFileSync('/usr/bin/python3', ['training/sample.py', checkpoint, file, '512'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return (JSON.parse(output) as number[][]).map((tokens) => splitCompletion(decodeTokens(tokens), true).text);
}
