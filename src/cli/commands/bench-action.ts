/** @module The `slowthink bench` action: options → store → runner (engine or fake solver) → report folder and summary. */
import { join } from 'node:path';
import type { TaskLookup } from '../../bench/problems/problem-source.js';
import { HELD_OUT_SEED } from '../../bench/problems/problem-source.js';
import { buildSummary } from '../../bench/report/summary.js';
import { formatSummaryTable } from '../../bench/report/summary-table.js';
import { writeReport } from '../../bench/report/write-report.js';
import { createCodeGrading } from '../../bench/run/code-grading.js';
import { createEngineSolver } from '../../bench/run/engine-solver.js';
import { createFakeSolver } from '../../bench/run/fake-solver.js';
import { createProgress, type ProgressReporter } from '../../bench/run/progress.js';
import { type BenchDependencies, type BenchOutcome, MODEL_SOLVER, resumeBench, startBench } from '../../bench/run/run-bench.js';
import { parsePrice } from '../../bench/statistics/prices.js';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { parseNumberOption } from '../../errors/number-option.js';
import type { ProblemSplit } from '../../spec/index.js';
import { RunStore, resolveStorePath } from '../../store/index.js';

/** Options as commander parses them (strings unless a parser says otherwise). */
export interface BenchCommandOptions {
  task?: string;
  model?: string;
  efforts?: string;
  strategies?: string;
  level?: string;
  split?: string;
  n: string;
  seed?: string;
  concurrency: string;
  temperature?: string;
  resume?: string;
  out?: string;
  json?: boolean;
  store?: string;
  price?: string;
  png?: boolean;
  verifier?: string;
  /** Run the jobs on `slowthink worker`s through this Redis instead of in this process (the CLI wires the queue). */
  redis?: string;
}

function integer(value: string | undefined, name: string, minimum: number): number | undefined {
  return parseNumberOption(name, value, { integer: true, minimum });
}

async function taskLookup(): Promise<TaskLookup> {
  const { listTasks } = await import('../../tasks/index.js');
  return (name) => listTasks().find((task) => task.name === name);
}

/** Runs the bench command; returns the process exit code. `createExecutor` (from `--redis`) runs the jobs elsewhere. */
export async function runBenchCommand(
  options: BenchCommandOptions,
  wiring: { createExecutor?: BenchDependencies['createExecutor'] } = {},
): Promise<number> {
  const fake = process.env['SLOWTHINK_BENCH_SOLVER'] === 'fake';
  const price = options.price === undefined ? undefined : parsePrice(options.price);
  const store = RunStore.open(resolveStorePath(options.store));
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let progress: ProgressReporter | undefined;
  let failed = 0;
  let firstError: string | undefined;
  try {
    // A resumed run keeps its own model and temperature, whatever the command line says.
    const resumed = options.resume === undefined ? undefined : store.getRun(options.resume);
    if (resumed?.options['solver'] === MODEL_SOLVER)
      throw new SlowthinkError(
        ERROR_CODES.INVALID_ARGUMENT,
        `Run ${resumed.id} calls the embedded model directly, not through the engine`,
        {
          hint: `Resume it with npm run bench:model -- --resume ${resumed.id}.`,
          param: 'resume',
        },
      );
    const storedTemperature = resumed?.options['temperature'] as number | undefined;
    const temperature =
      resumed !== undefined ? storedTemperature : options.temperature === undefined ? undefined : Number(options.temperature);
    const verifier = (resumed?.options['verifier'] as string | undefined) ?? options.verifier ?? 'checker';
    if (verifier !== 'checker' && verifier !== 'none') {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown --verifier ${verifier}`, {
        hint: 'Use checker or none.',
        param: 'verifier',
      });
    }
    const { defaultModelName } = await import('../../models/registry.js');
    const modelName = resumed?.model.replace(/^fake:/, '') ?? options.model ?? defaultModelName();
    const model = fake ? `fake:${modelName}` : modelName;
    const baseSolver = fake
      ? createFakeSolver({ delayMs: Number(process.env['SLOWTHINK_BENCH_FAKE_DELAY_MS'] ?? 0) })
      : createEngineSolver({ model: modelName, temperature, verifier });
    const { answersEquivalent, createCodeVerifier, extractCode } = await import('../../verify/index.js');
    // humaneval:/mbpp: problems: code graded by their hidden tests in the sandbox (code-grading.ts).
    const code = createCodeGrading({
      createVerifier: (tests, entryPoint) => createCodeVerifier({ tests: () => tests, entryPoint: () => entryPoint }),
      extractCode,
    });
    const solve = fake
      ? baseSolver
      : code.solver(
          async (request) => (await import('../../engine/index.js')).reason(request),
          { model: modelName, temperature },
          baseSolver,
        );
    const dependencies = {
      store,
      solve,
      lookupTask: code.lookup(await taskLookup()),
      equivalent: (candidate: string, reference: string) => answersEquivalent(candidate, reference),
      signal: controller.signal,
      allowUnknownStrategies: fake,
      createExecutor: wiring.createExecutor,
      onStart: (_run: unknown, total: number, alreadyDone: number) => {
        if (!options.json || process.stderr.isTTY) progress = createProgress(total, { alreadyDone });
      },
      onRecord: (record: Parameters<ProgressReporter['update']>[0]) => {
        progress?.update(record);
        if (record.error !== null) {
          failed++;
          firstError ??= record.error;
        }
      },
    };
    let outcome: BenchOutcome;
    if (options.resume !== undefined) {
      outcome = await resumeBench(options.resume, dependencies);
    } else {
      if (options.task === undefined)
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'bench needs --task (or --resume RUN_ID)', { param: 'task' });
      const efforts = options.efforts ?? (options.strategies === undefined ? 'none,low,medium,high' : undefined);
      outcome = await startBench(
        {
          task: options.task,
          model,
          efforts,
          strategies: options.strategies,
          level: integer(options.level, 'level', 1),
          split: splitOf(options.split),
          n: integer(options.n, 'n', 1) as number,
          seed: integer(options.seed, 'seed', 0) ?? HELD_OUT_SEED,
          concurrency: integer(options.concurrency, 'concurrency', 1) as number,
          temperature,
          verifier,
        },
        dependencies,
      );
    }
    progress?.stop();
    const summary = buildSummary(outcome.run, outcome.problems, store.results(outcome.run.id), {
      configs: outcome.configs.map((config) => config.key),
      price,
    });
    const files = writeReport(options.out ?? join('reports', outcome.run.id), summary, { png: options.png !== false });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(`${formatSummaryTable(summary)}\n`);
      process.stdout.write(`\nReport: ${files.html}\nRun id: ${outcome.run.id} (store ${store.path})\n`);
      if (!outcome.complete) process.stdout.write(`Incomplete: resume with  slowthink bench --resume ${outcome.run.id}\n`);
    }
    if (failed > 0) {
      process.stderr.write(
        `${failed} of ${outcome.ran} jobs failed (first: ${firstError}); they are stored with their error and re-run by --resume ${outcome.run.id}\n`,
      );
      return 1;
    }
    return outcome.complete ? 0 : 130;
  } finally {
    progress?.stop();
    process.off('SIGINT', onSignal);
    store.close();
  }
}

/** `--split`: `train` (the in-distribution held-out problems, default) or `held-out-shapes`. */
function splitOf(value: string | undefined): ProblemSplit | undefined {
  if (value === undefined || value === 'train' || value === 'held-out-shapes') return value;
  throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `--split is train or held-out-shapes, got "${value}"`, { param: 'split' });
}
