/**
 * @module Measures what a time limit costs above itself on the embedded model: `runs` requests at effort max under
 * `--max-seconds` (default 20 × 0.5 s), wall time of `reason()` minus the limit, median and max.
 * Run: `npx tsx scripts/measure-seconds-overshoot.ts [runs] [seconds]`.
 */
import { upperMedian } from '../src/bench/statistics/statistics.js';
import { reason } from '../src/engine/reason.js';
import { SlowthinkError } from '../src/errors/index.js';
import { createEmbeddedModel } from '../src/models/embedded.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npx tsx scripts/measure-seconds-overshoot.ts [RUNS=20] [SECONDS=0.5]
Wall time of reason() above its --max-seconds limit at effort max on the embedded mini (median, max).`;
const { positionals } = parseBenchArgs(USAGE, { allowPositionals: true, options: {} });
const runs = numberFlag(USAGE, 'runs', positionals[0] ?? '20', 1);
const limit = numberFlag(USAGE, 'seconds', positionals[1] ?? '0.5', 0.001);
const model = await createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 8 });
const overshoots: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const started = performance.now();
  let tokens = 0;
  let stoppedBy: string | null | undefined;
  try {
    const result = await reason({ question: 'What is 912*847?', model, effort: 'max', budget: { maxSeconds: limit }, seed: run });
    ({ stoppedBy } = result);
    tokens = result.totals.completionTokens;
  } catch (error) {
    if (!SlowthinkError.isInstance(error)) throw error;
    stoppedBy = error.report?.stoppedBy;
    tokens = error.report?.totals.completionTokens ?? 0;
  }
  const overshoot = (performance.now() - started) / 1000 - limit;
  overshoots.push(overshoot);
  console.log(`run ${run + 1}: +${(overshoot * 1000).toFixed(1)} ms, stopped by ${stoppedBy}, ${tokens} tokens charged`);
}
const median = upperMedian(overshoots) ?? 0;
console.log(
  `overshoot over ${runs} runs of ${limit} s: median ${(median * 1000).toFixed(1)} ms, max ${((overshoots.length > 0 ? Math.max(...overshoots) : 0) * 1000).toFixed(1)} ms`,
);
await model.close?.();
