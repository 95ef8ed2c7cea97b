/** @module Measures the learned outcome verifier on held-out chains: ROC AUC, calibration (ECE), best-of-N next to majority@N and pass@N: `npm run bench:verifier -- FILE.jsonl`. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bestOfCorrect, majorityCorrect } from '../src/bench/statistics/sampling-curves.js';
import { mean, pairedBootstrapInterval, passAtK, wilsonInterval } from '../src/bench/statistics/statistics.js';
import { splitCompletion } from '../src/models/gguf/embedded-format.js';
import { mulberry32 } from '../src/random/mulberry32.js';
import type { SampleRecord } from '../src/store/index.js';
import { getTask } from '../src/tasks/registry.js';
import { createAnswerKey } from '../src/verify/answer-key.js';
import { createLearnedVerifier } from '../src/verify/learned-verifier.js';
import { calibrationBins, expectedCalibrationError, rocAuc } from '../src/verify/learned-verifier-metrics.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    verifier: { type: 'string' },
    sizes: { type: 'string', default: '1,4,16,64' },
    groups: { type: 'string', default: 'arithmetic=4/5,countdown=2/3' },
    subsets: { type: 'string', default: '200' },
  },
});
if (positionals.length === 0) {
  console.error('usage: npm run bench:verifier -- CHAINS.jsonl [more.jsonl] [--verifier models/slowthink-mini-verifier.gguf]');
  process.exit(2);
}

interface Chain {
  task: string;
  level: number;
  question: string;
  prompt: string;
  completion: string;
  correct: boolean;
  confidence: number | null;
}
interface Scored extends Chain {
  answer: string | undefined;
  score: number;
}

const chains: Chain[] = positionals.flatMap((path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Chain),
);
const orm = createLearnedVerifier({ kind: 'outcome', ...(values.verifier ? { path: values.verifier } : {}) });
const started = performance.now();
const scored: Scored[] = [];
for (const chain of chains) {
  const parts = splitCompletion(chain.completion.replace(/^<think>\n?/, ''), true);
  const answers = createAnswerKey(getTask(chain.task), { question: chain.prompt });
  const extracted = answers.extract(parts.text);
  const answer = extracted === undefined ? undefined : answers.normalize(extracted);
  const problem = { question: chain.prompt, messages: [{ role: 'user' as const, content: chain.prompt }], task: chain.task };
  const score = await orm.score(problem, { text: parts.text, reasoning: parts.reasoning, answer: extracted });
  scored.push({ ...chain, answer, score: score.value });
}
const seconds = (performance.now() - started) / 1000;
console.log(`${scored.length} chains of ${new Set(scored.map((chain) => chain.prompt)).size} problems scored in ${seconds.toFixed(0)} s\n`);

// ---- ROC AUC and calibration over every chain, with a problem-level bootstrap interval for the AUC.
const labels = scored.map((chain) => chain.correct);
const scores = scored.map((chain) => chain.score);
const byProblem = groupBy(scored, (chain) => chain.prompt);
const random = mulberry32(11);
const problems = [...byProblem.values()];
const resampled: number[] = [];
for (let draw = 0; draw < 300; draw++) {
  const sample = Array.from({ length: problems.length }, () => problems[Math.floor(random() * problems.length)] ?? []).flat();
  resampled.push(
    rocAuc(
      sample.map((chain) => chain.score),
      sample.map((chain) => chain.correct),
    ),
  );
}
resampled.sort((a, b) => a - b);
const positives = labels.filter(Boolean).length;
console.log(
  `ROC AUC ${rocAuc(scores, labels).toFixed(3)} (95 % problem bootstrap ${resampled[7]?.toFixed(3)}-${resampled[292]?.toFixed(3)}); ` +
    `${positives} correct / ${labels.length - positives} wrong chains`,
);
const confidenceRows = scored.filter((chain) => chain.confidence !== null);
if (confidenceRows.length > 0)
  console.log(
    `(the model's own answer confidence: AUC ${rocAuc(
      confidenceRows.map((chain) => chain.confidence ?? 0),
      confidenceRows.map((chain) => chain.correct),
    ).toFixed(3)})`,
  );
console.log(`ECE ${expectedCalibrationError(scores, labels).toFixed(3)} (10 equal-width bins)\n`);
console.log('| score bin | chains | mean score | share correct |\n|---|---|---|---|');
for (const bin of calibrationBins(scores, labels))
  console.log(`| ${bin.low.toFixed(1)}-${bin.high.toFixed(1)} | ${bin.count} | ${bin.meanScore.toFixed(3)} | ${bin.accuracy.toFixed(3)} |`);

// ---- Selection: best-of-N by the ORM next to majority@N, the model's confidence and pass@N, from one set of samples per problem.
const sizes = values.sizes.split(',').map(Number);
const subsets = Number(values.subsets);
for (const group of values.groups.split(',')) {
  const [task = '', levels = ''] = group.split('=');
  const wanted = new Set(levels.split('/').map(Number));
  const rows = [...byProblem.values()].filter((chains) => chains[0]?.task === task && wanted.has(chains[0].level));
  if (rows.length === 0) continue;
  const most = Math.min(...rows.map((chains) => chains.length));
  console.log(`\n### ${task} L${levels.replace('/', '-')}: ${rows.length} problems, ${most} samples each\n`);
  console.log('| N | majority@N | best-of-N (ORM) | best-of-N (own confidence) | pass@N |\n|---|---|---|---|---|');
  const gaps: number[] = [];
  for (const size of sizes.filter((n) => n <= most)) {
    const perProblem = rows.map((chains) => {
      const samples: SampleRecord[] = chains.slice(0, most).map((chain) => ({
        answer: chain.answer,
        correct: chain.correct,
        tokens: undefined,
        score: chain.score,
        confidence: chain.confidence ?? undefined,
      }));
      const draws = Array.from({ length: size === most ? 1 : subsets }, () => shuffled(samples, random).slice(0, size));
      return {
        majority: mean(draws.map((draw) => Number(majorityCorrect(draw, random)))),
        orm: mean(draws.map((draw) => Number(bestOfCorrect(draw, (sample) => sample.score, random)))),
        confidence: mean(draws.map((draw) => Number(bestOfCorrect(draw, (sample) => sample.confidence, random)))),
        pass: passAtK(samples.length, samples.filter((sample) => sample.correct).length, size),
      };
    });
    const cell = (key: 'majority' | 'orm' | 'confidence' | 'pass') => {
      const value = mean(perProblem.map((entry) => entry[key]));
      const interval = wilsonInterval(Math.round(value * rows.length), rows.length);
      return `${(100 * value).toFixed(1)} % (${(100 * interval.low).toFixed(0)}-${(100 * interval.high).toFixed(0)})`;
    };
    console.log(`| ${size} | ${cell('majority')} | ${cell('orm')} | ${cell('confidence')} | ${cell('pass')} |`);
    if (size === Math.max(...sizes.filter((n) => n <= most))) gaps.push(...perProblem.map((entry) => entry.orm - entry.majority));
  }
  const interval = pairedBootstrapInterval(gaps);
  console.log(
    `\nbest-of-${Math.max(...sizes.filter((n) => n <= most))} (ORM) − majority: ${(100 * mean(gaps)).toFixed(1)} points ` +
      `(95 % bootstrap over problems ${(100 * interval.low).toFixed(1)} to ${(100 * interval.high).toFixed(1)})`,
  );
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const swap = Math.floor(next() * (index + 1));
    [copy[index], copy[swap]] = [copy[swap] as T, copy[index] as T];
  }
  return copy;
}
