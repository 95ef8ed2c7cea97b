/**
 * @module `npm run bench:model -- --tier mini [--count 100] [--greedy-count 200] [--samples 16] [--task arithmetic] [--levels 4,5] [--speed-only] [--resume RUN]`:
 * accuracy of the embedded model per task and level on the held-out problems (seed 1_000_001, never used in training),
 * run as one stored, resumable bench run (greedy, no thinking, k samples at T=0.7: pass@1, majority@k, pass@k, tokens
 * per answer, from the stored rows); then the learned check role and single-sequence generation speed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from '../src/bench/report/summary.js';
import { writeReport } from '../src/bench/report/write-report.js';
import type { BenchConfig } from '../src/bench/run/bench-config.js';
import {
  accuracyRows,
  createModelSolver,
  formatAccuracyTable,
  formatShapeGapTable,
  type ModelAccuracySettings,
  modelAccuracyConfigs,
  modelAccuracyProblems,
} from '../src/bench/run/model-accuracy.js';
import { createProgress, type ProgressReporter } from '../src/bench/run/progress.js';
import { type BenchDependencies, type BenchOutcome, MODEL_SOLVER, resumeBench, startPlannedBench } from '../src/bench/run/run-bench.js';
import { createEmbeddedModel, embeddedModelPath } from '../src/models/embedded.js';
import { type RunRecord, RunStore, resolveStorePath } from '../src/store/index.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask, listTasks } from '../src/tasks/index.js';
import { failUsage, numberFlag, parseBenchArgs } from './bench-args.js';
import { measureChecker } from './model-checker.js';
import { measureSpeed } from './model-speed.js';

const USAGE = `Usage: npm run bench:model -- [--tier mini|full] [--path FILE.gguf] [--count 100] [--greedy-count N] [--samples 16]
       [--temperature 0.7] [--task NAME] [--levels 4,5] [--split train|held-out-shapes] [--speed-only] [--json FILE]
       [--store FILE] [--resume RUN] [--in-distribution RUN]
Accuracy of the embedded model per task and level on the held-out problems: greedy, pass@1, majority@k, pass@k,
tokens per answer (one stored bench run: slowthink runs show RUN; --resume RUN continues it after a kill, with its own
settings), the learned check role, and generation speed. With --split held-out-shapes, --in-distribution RUN (a stored
train-split run) adds the table of the generalisation gap per task and level.`;
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
    /** Only this task (`arithmetic`, `countdown`, …). */
    task: { type: 'string' },
    /** Only these levels, e.g. `4,5`. */
    levels: { type: 'string' },
    /** `train` (the in-distribution held-out problems) or `held-out-shapes` (shapes and draw types training never saw). */
    split: { type: 'string', default: 'train' },
    /** The run store (default $SLOWTHINK_STORE or ~/.slowthink/runs.db). */
    store: { type: 'string' },
    /** Continue a stored bench:model run; its settings are the stored ones. */
    resume: { type: 'string' },
    /** A stored train-split bench:model run to hold a held-out-shapes run against (the gap table). */
    'in-distribution': { type: 'string' },
  },
});

// Bad flags fail before the store is opened (or created).
const flagSettings = values.resume === undefined ? settingsFromFlags() : undefined;
const store = openStore(values.resume !== undefined || values['in-distribution'] !== undefined);
const resumed = values.resume === undefined ? undefined : storedRun(values.resume);
const baseline = values['in-distribution'] === undefined ? undefined : storedRun(values['in-distribution']);
const settings = (resumed?.options['settings'] as ModelAccuracySettings | undefined) ?? (flagSettings as ModelAccuracySettings);
const { count, samples: k, temperature } = settings;
const tier = settings.tier === 'full' ? 'full' : 'mini';

/** The run store; it must exist when a stored run is named. */
function openStore(mustExist: boolean): RunStore {
  try {
    return RunStore.open(resolveStorePath(values.store), { mustExist });
  } catch (error) {
    return failUsage(USAGE, error instanceof Error ? error.message : String(error));
  }
}

/** The run `--resume` (or `--in-distribution`) names, which must be a bench:model run. */
function storedRun(id: string): RunRecord {
  let run: RunRecord;
  try {
    run = store.getRun(id);
  } catch (error) {
    return failUsage(USAGE, error instanceof Error ? error.message : String(error));
  }
  if (run.options['solver'] !== MODEL_SOLVER)
    failUsage(
      USAGE,
      `run ${run.id} is not a bench:model run (slowthink bench made it; it resumes with slowthink bench --resume ${run.id})`,
    );
  return run;
}

function settingsFromFlags(): ModelAccuracySettings {
  if (values.tier !== 'mini' && values.tier !== 'full') failUsage(USAGE, `--tier is mini or full, got "${values.tier}"`);
  const split = values.split;
  if (split !== 'train' && split !== 'held-out-shapes') failUsage(USAGE, `--split is train or held-out-shapes, got "${split}"`);
  const count = numberFlag(USAGE, 'count', values.count, 1);
  return {
    tier: values.tier,
    path: values.path,
    count,
    // Greedy and direct are cheap: they may run on more problems than the sampled metrics (the first `count` of them).
    greedyCount: Math.max(count, numberFlag(USAGE, 'greedy-count', values['greedy-count'] ?? String(count), 1)),
    samples: numberFlag(USAGE, 'samples', values.samples, 1),
    temperature: numberFlag(USAGE, 'temperature', values.temperature),
    task: values.task,
    levels: values.levels?.split(',').map(Number),
    split,
  };
}

const model = await createEmbeddedModel({ tier, sequences: Math.min(k, 16), ...(settings.path ? { path: settings.path } : {}) });
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
let outcome: BenchOutcome | undefined;
if (!values['speed-only']) {
  let progress: ProgressReporter | undefined;
  const dependencies: BenchDependencies = {
    store,
    solve: createModelSolver(model, (name) => listTasks().find((task) => task.name === name)),
    lookupTask: (name) => listTasks().find((task) => task.name === name),
    signal: controller.signal,
    onStart: (run, total, alreadyDone) => {
      console.error(`run ${run.id} (store ${store.path}): ${total} jobs, ${alreadyDone} already done`);
      progress = createProgress(total, { alreadyDone });
    },
    onRecord: (record) => progress?.update(record),
  };
  const configs = modelAccuracyConfigs(settings);
  outcome =
    resumed !== undefined
      ? await resumeBench(resumed.id, dependencies)
      : await startPlannedBench(
          {
            task: settings.task ?? 'all tasks',
            model: model.id,
            level: settings.levels?.length === 1 ? settings.levels[0] : undefined,
            split: settings.split,
            n: settings.greedyCount,
            seed: EVAL_SEED,
            concurrency: 1,
            temperature,
            solver: MODEL_SOLVER,
            settings: { ...settings },
          },
          configs,
          modelAccuracyProblems(listTasks(), settings, EVAL_SEED),
          dependencies,
        );
  progress?.stop();
}

const speedOnly = outcome === undefined;
const checker = speedOnly || controller.signal.aborted ? undefined : await measureChecker(model);
await model.close?.();
// Speed on its own one-sequence context, after the accuracy runs have released theirs.
const speedQuestions = [1, 2, 3, 4, 5].flatMap((level) =>
  getTask('arithmetic')
    .generate({ seed: EVAL_SEED, count: 6, level })
    .map((p) => p.question),
);
const speed = controller.signal.aborted ? undefined : await measureSpeed(settings.path ?? embeddedModelPath(tier), speedQuestions);

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
let rows: ReturnType<typeof accuracyRows> = [];
let tokensPerSecond = Number.NaN;
if (outcome !== undefined) {
  const { run, problems } = outcome;
  const results = store.results(run.id);
  const configs = run.options['configs'] as BenchConfig[];
  rows = accuracyRows(problems, results, configs);
  const greedyRows = results.filter((result) => result.config === configs[0]?.key && result.error === null);
  tokensPerSecond = greedyRows.reduce((sum, row) => sum + row.completionTokens, 0) / greedyRows.reduce((sum, row) => sum + row.seconds, 0);
  const summary = buildSummary(run, problems, results, { configs: configs.map((config) => config.key) });
  const report = writeReport(join('reports', run.id), summary, { png: false });
  console.log(
    `\n${model.id}: held-out problems (seed ${EVAL_SEED}): ${settings.greedyCount} per level for direct and greedy, the first ${count} of them for the sampled columns; k=${k}, T=${temperature}\n`,
  );
  console.log(formatAccuracyTable(rows, settings));
  if (baseline !== undefined) {
    const baselineRows = accuracyRows(
      store.problems(baseline.id),
      store.results(baseline.id),
      baseline.options['configs'] as BenchConfig[],
    );
    console.log(`\nheld-out shapes against run ${baseline.id} (in distribution):\n`);
    console.log(formatShapeGapTable(rows, baselineRows, settings));
  }
  console.log(`\nrun ${run.id} (store ${store.path}; slowthink runs show ${run.id}), report ${report.html}`);
  if (!outcome.complete) console.log(`Incomplete: resume with  npm run bench:model -- --resume ${run.id}`);
}
if (speed !== undefined)
  console.log(
    `\nspeed, one sequence, 1 thread, greedy (${speed.problems} arithmetic questions, ${speed.generatedTokens} tokens): decode ${speed.decodeTokensPerSecond.toFixed(0)} tokens/s (median), ` +
      `${speed.endToEndTokensPerSecond.toFixed(0)} tokens/s end to end with prompt evaluation, first token ${speed.firstTokenMs.toFixed(1)} ms (median)`,
  );
if (outcome !== undefined && checker !== undefined) {
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
    `${JSON.stringify({ model: model.id, run: outcome?.run.id, count, k, temperature, rows, tokensPerSecond, speed, checker }, null, 2)}\n`,
  );
store.close();
if (outcome !== undefined && !outcome.complete) process.exit(130);
