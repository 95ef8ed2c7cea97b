/**
 * @module Measures `society` over the embedded mini + full against self-consistency of each tier at the same total tokens
 * (issue #14 part 4; docs/society.md). Per problem: each society config once, then 6 chains of each tier (plain
 * self-consistency, `reason()` with n chains); SC@k is the majority of the first k chains, so one draw gives
 * the whole token curve. Reports accuracy with Wilson 95 % intervals, mean generated tokens and a paired McNemar test.
 * Run: `nice -n 19 npx tsx scripts/measure-society.ts [problems=40] [level=4] [configs=learned,sc]` (arithmetic, held-out
 * seed 1000001; configs: learned, steps, mini, sc).
 */
import { HELD_OUT_SEED } from '../src/bench/problems/problem-source.js';
import { mcnemarExactP, topVoted, wilsonInterval } from '../src/bench/statistics/statistics.js';
import { reason } from '../src/engine/reason.js';
import { closeModels } from '../src/models/registry.js';
import type { ReasonRequest, ReasonResult } from '../src/spec/index.js';
import { getTask } from '../src/tasks/index.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: nice -n 19 npx tsx scripts/measure-society.ts [PROBLEMS=40] [LEVEL=4] [CONFIGS=learned,sc]
society (mini + full) against self-consistency of each tier at the same total tokens; configs: learned, steps, mini, sc.`;
const { positionals } = parseBenchArgs(USAGE, { allowPositionals: true, options: {} });
const count = numberFlag(USAGE, 'problems', positionals[0] ?? '40', 1);
const level = numberFlag(USAGE, 'level', positionals[1] ?? '4', 1);
const task = getTask('arithmetic');
const problems = task.generate({ seed: HELD_OUT_SEED, count, level, split: 'train' });
const MEMBERS = ['slowthink-mini', 'slowthink'];

/**
 * Configs, chosen by the third argument (comma-separated keys; default `learned,sc`). Societies: four solvers at one
 * temperature, two debate rounds. `learned`: mini + full, the mini's learned check role as the checker (the mini is
 * retrained on today's arithmetic grammar, negatives and brackets; the full tier is not, models/slowthink.md). `steps`:
 * the same society with the task's exact step checker (it checks the models' own lines; not an answer oracle). `mini`:
 * four mini solvers and the mini's check role, the mechanism without the weaker member. `sc`: each tier's chains.
 */
const SOCIETIES: Record<string, [string, Record<string, unknown>]> = {
  learned: [
    'society mini+full, learned checker (mini)',
    { models: MEMBERS, solvers: 4, rounds: 2, temperatures: [0.7], checker: 'learned', checkerModel: 'slowthink-mini' },
  ],
  steps: ['society mini+full, exact step checker', { models: MEMBERS, solvers: 4, rounds: 2, temperatures: [0.7], checker: 'verifier' }],
  mini: [
    'society mini only, learned checker (mini)',
    { models: ['slowthink-mini'], solvers: 4, rounds: 2, temperatures: [0.7], checker: 'learned' },
  ],
};
const keys = (positionals[2] ?? 'learned,sc').split(',');
const societies = Object.entries(SOCIETIES)
  .filter(([key]) => keys.includes(key))
  .map(([, config]) => config);

interface Chain {
  answer: string | undefined;
  tokens: number;
}

/** The chains of a self-consistency run in the order drawn: answer and tokens from each `sample-end`. */
function chainsOf(result: ReasonResult): Chain[] {
  return result.trace.events.flatMap((event) => (event.type === 'sample-end' ? [{ answer: event.answer, tokens: event.tokens }] : []));
}

/** The most frequent answer among chains (ties: the one seen first), or undefined. */
function majority(chains: readonly Chain[]): string | undefined {
  return topVoted(chains, (chain) => chain.answer)[0]?.answer;
}

async function run(request: ReasonRequest): Promise<ReasonResult> {
  return reason({ task: 'arithmetic', ...request });
}

const rows: Record<string, { right: boolean[]; tokens: number[] }> = {};
const record = (name: string, right: boolean, tokens: number) => {
  const row = rows[name] ?? { right: [], tokens: [] };
  row.right.push(right);
  row.tokens.push(tokens);
  rows[name] = row;
};
/** Prints the table and the paired comparisons over the problems done so far. */
function report(done: number): void {
  const percent = (value: number) => `${(value * 100).toFixed(1)}`;
  console.log(
    `arithmetic level ${level}, ${done} of ${problems.length} held-out problems (seed ${HELD_OUT_SEED}), ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  console.log('| config | accuracy | 95 % interval | mean tokens |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, row] of Object.entries(rows)) {
    const right = row.right.filter(Boolean).length;
    const interval = wilsonInterval(right, row.right.length);
    const tokens = row.tokens.reduce((sum, value) => sum + value, 0) / row.tokens.length;
    console.log(
      `| ${name} | ${right}/${row.right.length} = ${percent(right / row.right.length)} % | ${percent(interval.low)}–${percent(interval.high)} % | ${tokens.toFixed(0)} |`,
    );
  }
  /** Paired against each tier's SC at the k whose mean tokens are nearest the society's. */
  for (const [name, tier] of societies.flatMap(([each]) => [[each, 'full'] as const, [each, 'mini'] as const])) {
    const society = rows[name];
    if (!society) continue;
    const spent = society.tokens.reduce((sum, value) => sum + value, 0) / society.tokens.length;
    const nearest = Object.entries(rows)
      .filter(([other]) => other.startsWith(`SC ${tier} @`))
      .map(([other, row]) => ({ other, row, gap: Math.abs(row.tokens.reduce((sum, value) => sum + value, 0) / row.tokens.length - spent) }))
      .sort((left, right) => left.gap - right.gap)[0];
    if (!nearest) continue;
    const onlySociety = society.right.filter((right, index) => right && !nearest.row.right[index]).length;
    const onlySc = society.right.filter((right, index) => !right && nearest.row.right[index]).length;
    console.log(
      `${name} vs ${nearest.other}: society alone right on ${onlySociety}, SC alone on ${onlySc}, McNemar p = ${mcnemarExactP(onlySociety, onlySc).toFixed(3)}`,
    );
  }
}

const started = performance.now();
for (const [index, problem] of problems.entries()) {
  const grade = (answer: string | undefined) => answer !== undefined && task.check(problem.question, answer);
  for (const [name, options] of societies) {
    const result = await run({ question: problem.question, model: 'slowthink-mini', strategy: 'society', options, seed: 7 + index });
    record(name, grade(result.answer), result.totals.completionTokens);
  }
  if (!keys.includes('sc')) {
    console.error(`problem ${index + 1}/${problems.length} done, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if ((index + 1) % 10 === 0 || index + 1 === problems.length) report(index + 1);
    continue;
  }
  const full = chainsOf(
    await run({ question: problem.question, model: 'slowthink', strategy: 'self-consistency', options: { n: 6 }, seed: 11 + index }),
  );
  const mini = chainsOf(
    await run({ question: problem.question, model: 'slowthink-mini', strategy: 'self-consistency', options: { n: 6 }, seed: 13 + index }),
  );
  const sum = (chains: readonly Chain[]) => chains.reduce((total, chain) => total + chain.tokens, 0);
  for (const k of [1, 2, 3, 4, 5, 6]) record(`SC full @${k}`, grade(majority(full.slice(0, k))), sum(full.slice(0, k)));
  for (const k of [1, 2, 3, 4, 5, 6]) record(`SC mini @${k}`, grade(majority(mini.slice(0, k))), sum(mini.slice(0, k)));
  // Both tiers pooled, no checker: what mixing alone does (mini and full chains interleaved).
  const pooled = full.slice(0, 6).flatMap((chain, position) => [chain, ...(mini[position] ? [mini[position] as Chain] : [])]);
  record('SC pooled mini+full @4', grade(majority(pooled.slice(0, 4))), sum(pooled.slice(0, 4)));
  record('SC pooled mini+full @6', grade(majority(pooled.slice(0, 6))), sum(pooled.slice(0, 6)));
  console.error(`problem ${index + 1}/${problems.length} done, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // Partial tables as it goes: a run cut short still reports what it measured.
  if ((index + 1) % 10 === 0 || index + 1 === problems.length) report(index + 1);
}

await closeModels();
