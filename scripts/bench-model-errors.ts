/**
 * @module `npm run bench:model-errors -- --tier mini [--levels 4,5] [--count 100] [--samples 0] [--temperature 0.7]`:
 * why the embedded model's arithmetic answers are wrong. Each wrong greedy answer (and each wrong sample, with
 * `--samples`) on the held-out problems is put under the kind of its first wrong line (src/tasks/failure-kind.ts).
 */
import { createEmbeddedModel } from '../src/models/embedded.js';
import { classifyArithmeticFailure, FAILURE_KINDS, FAILURE_MEANING, type FailureKind } from '../src/tasks/failure-kind.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask } from '../src/tasks/index.js';
import { answerOf } from './answer-of.js';
import { failUsage, numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:model-errors -- [--tier mini|full] [--path FILE.gguf] [--levels 3,4,5] [--count 100] [--samples 0] [--temperature 0.7]
Wrong arithmetic answers of the embedded model by the kind of their first wrong line.`;
const { values } = parseBenchArgs(USAGE, {
  options: {
    tier: { type: 'string', default: 'mini' },
    path: { type: 'string' },
    levels: { type: 'string', default: '3,4,5' },
    count: { type: 'string', default: '100' },
    samples: { type: 'string', default: '0' },
    temperature: { type: 'string', default: '0.7' },
  },
});
const tier = values.tier;
if (tier !== 'mini' && tier !== 'full') failUsage(USAGE, `--tier is mini or full, got "${tier}"`);
const levels = (values.levels ?? '').split(',').map((level) => numberFlag(USAGE, 'levels', level.trim(), 1));
const count = numberFlag(USAGE, 'count', values.count, 1);
const k = numberFlag(USAGE, 'samples', values.samples);
const temperature = numberFlag(USAGE, 'temperature', values.temperature);
const model = await createEmbeddedModel({ tier, sequences: Math.max(1, Math.min(k, 16)), ...(values.path ? { path: values.path } : {}) });
const task = getTask('arithmetic');

type Tally = Record<FailureKind, number> & { answers: number; wrong: number };
const emptyTally = (): Tally => ({ answers: 0, wrong: 0, ...Object.fromEntries(FAILURE_KINDS.map((kind) => [kind, 0])) }) as Tally;
const rows: Array<{ level: number; mode: string; tally: Tally }> = [];

for (const level of levels) {
  const greedy = emptyTally();
  const sampled = emptyTally();
  const started = performance.now();
  const problems = task.generate({ seed: EVAL_SEED, count, level });
  for (const [index, problem] of problems.entries()) {
    if (index > 0 && index % 20 === 0)
      console.error(
        `level ${level}: ${index}/${problems.length}, greedy wrong ${greedy.wrong}, ${((performance.now() - started) / 60_000).toFixed(1)} min`,
      );
    const messages = [{ role: 'user' as const, content: problem.question }];
    const requests: Array<[Tally, Parameters<typeof model.doGenerate>[0]]> = [[greedy, { messages, temperature: 0 }]];
    if (k > 0) requests.push([sampled, { messages, n: k, temperature, seed: 1 }]);
    for (const [tally, request] of requests) {
      const result = await model.doGenerate(request);
      for (const sample of result.samples) {
        const answer = answerOf(sample);
        tally.answers++;
        if (task.check(problem.question, answer)) continue;
        tally.wrong++;
        tally[classifyArithmeticFailure(problem.question, sample.reasoning ?? '', answer)]++;
      }
    }
  }
  rows.push({ level, mode: 'greedy', tally: greedy });
  if (k > 0) rows.push({ level, mode: `${k} samples, T=${temperature}`, tally: sampled });
}
await model.close?.();

const share = (part: number, whole: number) => (whole === 0 ? '–' : `${part} (${((part / whole) * 100).toFixed(0)} %)`);
console.log(
  `\n${model.id}: wrong arithmetic answers by the kind of their first wrong line; held-out seed ${EVAL_SEED}, ${count} problems per level\n`,
);
console.log(`| level | answers | wrong | ${FAILURE_KINDS.join(' | ')} |`);
console.log(`|---|---|---|${FAILURE_KINDS.map(() => '---').join('|')}|`);
for (const { level, mode, tally } of rows)
  console.log(
    `| ${level} ${mode} | ${tally.answers} | ${tally.wrong} | ${FAILURE_KINDS.map((kind) => share(tally[kind], tally.wrong)).join(' | ')} |`,
  );
console.log('');
for (const kind of FAILURE_KINDS) console.log(`- ${kind}: ${FAILURE_MEANING[kind]}`);
