/**
 * @module A small accuracy comparison of cot, self-consistency and the search strategies on held-out arithmetic with
 * the embedded model, at one shared token budget per problem. Small n: a smoke measurement, not a benchmark.
 * Run: `npx tsx scripts/compare-strategies.ts [--model path.gguf] [--count 30] [--level 4] [--tokens 3000] [--oracle] [--only beam,mcts]`
 */
import { reason } from '../src/engine/reason.js';
import { createEmbeddedModel } from '../src/models/embedded.js';
import type { Verifier } from '../src/spec/index.js';
import { getTask } from '../src/tasks/index.js';
import { createVerifier } from '../src/verify/index.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

/** One strategy configuration to compare. */
export interface ComparedStrategy {
  label: string;
  strategy: string;
  options: Record<string, unknown>;
  /** The process verifier it may use: the exact line checker (mean of lines by default, or min), or the learned check role. */
  verifier?: 'steps' | 'steps-min' | 'learned-steps';
}

/** The configurations compared by default. */
export const COMPARED: ComparedStrategy[] = [
  { label: 'cot', strategy: 'cot', options: {} },
  { label: 'self-consistency n=8', strategy: 'self-consistency', options: { n: 8 } },
  { label: 'beam 4x2', strategy: 'beam', options: { beamWidth: 4, branch: 2 } },
  { label: 'beam 4x2 min-PRM', strategy: 'beam', options: { beamWidth: 4, branch: 2 }, verifier: 'steps-min' },
  { label: 'beam 4x2 learned PRM', strategy: 'beam', options: { beamWidth: 4, branch: 2 }, verifier: 'learned-steps' },
  { label: 'mcts 8 it', strategy: 'mcts', options: { iterations: 8, width: 2 } },
  { label: 'society 3 solvers', strategy: 'society', options: { solvers: 3, rounds: 1 } },
  { label: 'refine', strategy: 'refine', options: { rounds: 2 } },
];

/** Accuracy, tokens and calls of one configuration. */
export interface ComparisonRow {
  label: string;
  correct: number;
  total: number;
  noAnswer: number;
  meanTokens: number;
  meanCalls: number;
  seconds: number;
}

/** Runs every configuration on the same problems with the same per-problem token budget. */
export async function compareStrategies(options: {
  modelPath?: string;
  count: number;
  level: number;
  tokens: number;
  oracle: boolean;
  seed: number;
  /** Strategy names to run (default all). */
  only?: string[];
}) {
  const task = getTask('arithmetic');
  const problems = task.generate({ seed: 1_000_001, count: options.count, level: options.level });
  const model = await createEmbeddedModel({
    tier: 'mini',
    threads: 1,
    sequences: 4,
    ...(options.modelPath ? { path: options.modelPath } : {}),
  });
  // Without --oracle the strategies see only a process verifier over lines, never the answer checker.
  const verifiers: Record<'steps' | 'steps-min' | 'learned-steps', Verifier> = {
    steps: createVerifier('steps'),
    'steps-min': createVerifier('steps', { steps: { aggregate: 'min' } }),
    'learned-steps': createVerifier('learned-steps', { model }),
  };
  const rows: ComparisonRow[] = [];
  try {
    for (const config of COMPARED.filter((entry) => !options.only || options.only.includes(entry.strategy))) {
      const row: ComparisonRow = {
        label: config.label,
        correct: 0,
        total: problems.length,
        noAnswer: 0,
        meanTokens: 0,
        meanCalls: 0,
        seconds: 0,
      };
      const started = Date.now();
      const verifier = options.oracle ? undefined : verifiers[config.verifier ?? 'steps'];
      for (const [index, problem] of problems.entries()) {
        const result = await reason({
          question: problem.question,
          model,
          strategy: config.strategy,
          options: config.options,
          task: 'arithmetic',
          budget: { maxTokens: options.tokens, maxSeconds: 600 },
          seed: options.seed + index,
          ...(verifier ? { verifier } : {}),
        }).catch(() => undefined);
        if (!result?.answer) row.noAnswer += 1;
        else if (task.check(problem.question, result.answer)) row.correct += 1;
        row.meanTokens += (result?.totals.completionTokens ?? options.tokens) / problems.length;
        row.meanCalls += (result?.calls ?? 0) / problems.length;
      }
      row.seconds = (Date.now() - started) / 1000;
      rows.push(row);
      console.log(
        `${config.label.padEnd(22)} ${row.correct}/${row.total} correct, ${row.noAnswer} without answer, ${row.meanTokens.toFixed(0)} tokens, ${row.meanCalls.toFixed(1)} calls, ${row.seconds.toFixed(0)} s`,
      );
    }
  } finally {
    await model.close?.();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const USAGE = `Usage: npx tsx scripts/compare-strategies.ts [--model path.gguf] [--count 30] [--level 4] [--tokens 3000] [--seed 11]
       [--oracle] [--only beam,mcts]
Accuracy of cot, self-consistency and the search strategies on held-out arithmetic at one shared token budget.`;
  const { values } = parseBenchArgs(USAGE, {
    options: {
      model: { type: 'string' },
      count: { type: 'string', default: '30' },
      level: { type: 'string', default: '4' },
      tokens: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '11' },
      oracle: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  await compareStrategies({
    ...(values.model ? { modelPath: values.model } : {}),
    count: numberFlag(USAGE, 'count', values.count, 1),
    level: numberFlag(USAGE, 'level', values.level, 1),
    tokens: numberFlag(USAGE, 'tokens', values.tokens, 1),
    seed: numberFlag(USAGE, 'seed', values.seed, 0),
    oracle: values.oracle ?? false,
    ...(values.only ? { only: values.only.split(',') } : {}),
  });
}
