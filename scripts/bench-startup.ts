/**
 * @module `npm run bench:startup -- [--runs 7] [--effort low] [--model M] [--question Q] [--cli PATH]`: how long `slowthink ask` takes
 * from process start to its first thinking token, and in total, on the real CLI (`node bin/slowthink.js`), as the
 * median (min–max) over runs. Speed targets live here, not in timed tests.
 */
import { spawn } from 'node:child_process';
import { median } from '../src/bench/statistics/statistics.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:startup -- [--runs 7] [--effort low] [--model slowthink-mini] [--question "What is 48+77?"] [--cli bin/slowthink.js]
Time to first thinking token and total time of \`slowthink ask\` through the real CLI: median (min-max) over runs.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    runs: { type: 'string', default: '7' },
    effort: { type: 'string', default: 'low' },
    model: { type: 'string', default: 'slowthink-mini' },
    question: { type: 'string', default: 'What is 48+77?' },
    /** Another checkout's CLI, to compare (e.g. a `git worktree` of an older commit). */
    cli: { type: 'string', default: 'bin/slowthink.js' },
  },
});
const runs = numberFlag(USAGE, 'runs', values.runs, 1);

interface Timing {
  firstOutput: number;
  firstToken: number;
  total: number;
}

/** One `ask` run: ms to the first stdout byte (the thought header), to the first thinking text after it, and to exit. */
function timeAsk(): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [values.cli, 'ask', values.question, '--effort', values.effort, '--model', values.model, '--seed', '1'],
      { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    let firstOutput = Number.NaN;
    let firstToken = Number.NaN;
    child.stdout.on('data', (chunk) => {
      const now = performance.now() - started;
      stdout += chunk;
      if (Number.isNaN(firstOutput)) firstOutput = now;
      // The renderer writes `── Label ──\n` when a thought starts; the first character after it is the first token.
      if (Number.isNaN(firstToken) && /──\n[^\n]/.test(stdout)) firstToken = now;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`ask exited with ${code}: ${stdout.slice(-300)}`));
      else resolve({ firstOutput, firstToken, total: performance.now() - started });
    });
  });
}

const timings: Timing[] = [];
for (let index = 0; index < runs; index += 1) timings.push(await timeAsk());
const cell = (values: number[]) => `${median(values).toFixed(0)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
console.log(`${values.cli} ask "${values.question}" --effort ${values.effort} --model ${values.model}, ${runs} runs, ms`);
console.log('| first output | first token | total |');
console.log('| --- | --- | --- |');
console.log(
  `| ${cell(timings.map((timing) => timing.firstOutput))} | ${cell(timings.map((timing) => timing.firstToken))} | ${cell(timings.map((timing) => timing.total))} |`,
);
