/**
 * @module `npm run bench:model -- --tier mini [--count 100] [--greedy-count 200] [--samples 16] [--task arithmetic] [--levels 4,5] [--speed-only]`: accuracy of the embedded model per task and level
 * on the held-out evaluation problems (seed 1_000_001, never used in training): greedy, pass@1 at T=0.7, majority@k, pass@k,
 * tokens per answer, the learned check role, and single-sequence generation speed (decode and end to end).
 */
import { writeFileSync } from 'node:fs';
import { createGrader } from '../src/bench/problem-source.js';
import { createEmbeddedModel, embeddedModelPath } from '../src/models/embedded.js';
import type { Sample } from '../src/spec/index.js';
import type { Task, TaskProblem } from '../src/spec/task.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask, listTasks } from '../src/tasks/index.js';
import { createAnswerKey } from '../src/verify/index.js';
import { failUsage, numberFlag, parseBenchArgs } from './bench-args.js';
import { measureChecker } from './model-checker.js';
import { measureSpeed } from './model-speed.js';

const USAGE = `Usage: npm run bench:model -- [--tier mini|full] [--path FILE.gguf] [--count 100] [--greedy-count N] [--samples 16]
       [--temperature 0.7] [--task NAME] [--levels 4,5] [--split train|held-out-shapes] [--speed-only] [--json FILE]
Accuracy of the embedded model per task and level on the held-out problems: greedy, pass@1, majority@k, pass@k,
tokens per answer, the learned check role, and generation speed.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    tier: { type: 'string', default: 'mini' },
    path: { type: 'string' },
    count: { type: 'string', default: '100' },
    'greedy-count': { type: 'string' },
    samples: { type: 'string', default: '16' },
    temperature: { type: 'string', default: '0.7' },
    json: { type: 'string' },
    'speed-only': { type: 'boolean', default: false },
    /** Only this task (`arithmetic` or `countdown`). */
    task: { type: 'string' },
    /** Only these levels, e.g. `4,5`. */
    levels: { type: 'string' },
    /** `train` (the in-distribution held-out problems) or `held-out-shapes` (shapes and draw types training never saw). */
    split: { type: 'string', default: 'train' },
  },
});
const onlyLevels = values.levels?.split(',').map(Number);
const split = values.split;
if (split !== 'train' && split !== 'held-out-shapes') failUsage(USAGE, `--split is train or held-out-shapes, got "${split}"`);
const grade = createGrader((name) => listTasks().find((task) => task.name === name));
/** The answer a sample states, as the engine reads it: refusals and declines are no answer. */
const answerIn = (task: Task, problem: TaskProblem, sample: Pick<Sample, 'text'>): string | undefined =>
  createAnswerKey(task, { question: problem.question }).extract(sample.text);
const tier = values.tier;
if (tier !== 'mini' && tier !== 'full') failUsage(USAGE, `--tier is mini or full, got "${tier}"`);
const count = numberFlag(USAGE, 'count', values.count, 1);
/** Greedy and direct are cheap: they may run on more problems than the sampled metrics (the first `count` of them). */
const greedyCount = Math.max(count, Number(values['greedy-count'] ?? count));
const k = numberFlag(USAGE, 'samples', values.samples);
const temperature = numberFlag(USAGE, 'temperature', values.temperature);
const model = await createEmbeddedModel({ tier, sequences: Math.min(k, 16), ...(values.path ? { path: values.path } : {}) });

/** The vote key of an answer: the task's answer key groups equivalent answers (`12 m/s` and `43.2 km/h`; Countdown lets only solutions vote). */
function voteKey(task: Task, problem: TaskProblem, answer: string): string | undefined {
  if (answer === '') return undefined;
  const key = createAnswerKey(task, { question: problem.question }).normalize(answer);
  return key === '' ? undefined : key;
}

interface Row {
  task: string;
  level: number;
  problems: number;
  /** Problems behind greedy and direct (≥ problems). */
  greedyProblems: number;
  greedy: number;
  /** Greedy on the problems behind the sampled columns (compare pass@k with this). */
  greedySubset: number;
  direct: number;
  passAt1: number;
  majority: number;
  passAtK: number;
  tokensPerAnswer: number;
}

const rows: Row[] = [];
let greedyTokens = 0;
let greedyMilliseconds = 0;
const plan: Array<[string, readonly number[]]> = listTasks().map((task) => [task.name, task.levels]);
for (const [taskName, levels] of values['speed-only'] ? [] : plan) {
  if (values.task && values.task !== taskName) continue;
  const task = getTask(taskName);
  for (const level of levels) {
    if (onlyLevels && !onlyLevels.includes(level)) continue;
    const problems = task.generate({ seed: EVAL_SEED, count: greedyCount, level, split });
    if (problems.length === 0) continue;
    let greedyCorrect = 0;
    let greedySubsetCorrect = 0;
    let directCorrect = 0;
    let sampledCorrect = 0;
    let majorityCorrect = 0;
    let anyCorrect = 0;
    let sampledTokens = 0;
    const levelStarted = performance.now();
    for (const [index, problem] of problems.entries()) {
      if (index > 0 && index % 10 === 0) {
        const sampledSoFar = Math.min(index, count);
        const minutes = (performance.now() - levelStarted) / 60_000;
        console.error(
          `${taskName} L${level}: ${index}/${problems.length} problems, greedy ${greedyCorrect}/${index}` +
            (sampledSoFar > 0 ? `, pass@${k} ${anyCorrect}/${sampledSoFar}` : '') +
            `, ${minutes.toFixed(1)} min`,
        );
      }
      const messages = [{ role: 'user' as const, content: problem.question }];
      const started = performance.now();
      const greedy = await model.doGenerate({ messages, temperature: 0 });
      greedyMilliseconds += performance.now() - started;
      greedyTokens += greedy.usage.completionTokens ?? 0;
      const greedyRight = grade(problem, answerIn(task, problem, greedy.samples[0]!), greedy.samples[0]!.text);
      if (greedyRight) greedyCorrect++;
      if (greedyRight && index < count) greedySubsetCorrect++;
      const direct = await model.doGenerate({ messages, temperature: 0, thinking: false });
      if (grade(problem, answerIn(task, problem, direct.samples[0]!), direct.samples[0]!.text)) directCorrect++;
      if (index >= count) continue;
      const sampled = await model.doGenerate({ messages, n: k, temperature, seed: 1 });
      const correct = sampled.samples.map((sample) => grade(problem, answerIn(task, problem, sample), sample.text));
      sampledCorrect += correct.filter(Boolean).length / k;
      if (correct.some(Boolean)) anyCorrect++;
      sampledTokens += (sampled.usage.completionTokens ?? 0) / k;
      const votes = new Map<string, { count: number; index: number }>();
      sampled.samples.forEach((sample, index) => {
        const answer = answerIn(task, problem, sample);
        // Declining is an answer only where declining is right (an unsolvable draw): there it votes too.
        const key = answer === undefined ? (problem.unanswerable ? '(declined)' : undefined) : voteKey(task, problem, answer);
        if (key === undefined) return;
        const entry = votes.get(key) ?? { count: 0, index };
        entry.count++;
        votes.set(key, entry);
      });
      const winner = [...votes.values()].sort((a, b) => b.count - a.count)[0];
      if (winner && correct[winner.index]) majorityCorrect++;
    }
    const n = Math.min(count, problems.length);
    const row: Row = {
      task: taskName,
      level,
      problems: n,
      greedyProblems: problems.length,
      greedy: greedyCorrect / problems.length,
      greedySubset: greedySubsetCorrect / n,
      direct: directCorrect / problems.length,
      passAt1: sampledCorrect / n,
      majority: majorityCorrect / n,
      passAtK: anyCorrect / n,
      tokensPerAnswer: sampledTokens / n,
    };
    rows.push(row);
    console.error(`${taskName} L${level}: greedy ${(row.greedy * 100).toFixed(0)}%, pass@${k} ${(row.passAtK * 100).toFixed(0)}%`);
  }
}
const checker = values['speed-only'] ? { lines: 0, accuracy: Number.NaN, auc: Number.NaN } : await measureChecker(model);
await model.close?.();
// Speed on its own one-sequence context, after the accuracy runs have released theirs.
const speedQuestions = [1, 2, 3, 4, 5].flatMap((level) =>
  getTask('arithmetic')
    .generate({ seed: EVAL_SEED, count: 6, level })
    .map((p) => p.question),
);
const speed = await measureSpeed(values.path ?? embeddedModelPath(tier), speedQuestions);

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
console.log(
  `\n${model.id}: held-out problems (seed ${EVAL_SEED}): ${greedyCount} per level for direct and greedy, the first ${count} of them for the sampled columns; k=${k}, T=${temperature}\n`,
);
console.log(
  `| task | level | direct (no thinking) | greedy | greedy, first ${count} | pass@1 (T=${temperature}) | majority@${k} | pass@${k} | tokens/answer |`,
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows)
  console.log(
    `| ${row.task} | ${row.level} | ${percent(row.direct)} | ${percent(row.greedy)} | ${percent(row.greedySubset)} | ${percent(row.passAt1)} | ${percent(row.majority)} | ${percent(row.passAtK)} | ${row.tokensPerAnswer.toFixed(0)} |`,
  );
const tokensPerSecond = greedyTokens / (greedyMilliseconds / 1000);
console.log(
  `\nspeed, one sequence, 1 thread, greedy (${speed.problems} arithmetic questions, ${speed.generatedTokens} tokens): decode ${speed.decodeTokensPerSecond.toFixed(0)} tokens/s (median), ` +
    `${speed.endToEndTokensPerSecond.toFixed(0)} tokens/s end to end with prompt evaluation, first token ${speed.firstTokenMs.toFixed(1)} ms (median)`,
);
if (!values['speed-only']) {
  console.log(
    `accuracy runs through the Model interface (16-sequence context): ${tokensPerSecond.toFixed(0)} tokens/s greedy, prompt evaluation included`,
  );
  console.log(
    `learned check role: accuracy ${percent(checker.accuracy)}, ROC AUC ${checker.auc.toFixed(3)} on ${checker.lines} held-out lines (half with a corrupted result)`,
  );
}
if (values.json)
  writeFileSync(
    values.json,
    `${JSON.stringify({ model: model.id, count, k, temperature, rows, tokensPerSecond, speed, checker }, null, 2)}\n`,
  );
