/**
 * @module `npm run bench:check [mini|full]`: how well the embedded model's learned check role separates right
 * scratchpad lines from corrupted ones (AUC and accuracy at 0.5), on held-out level-2 arithmetic.
 */
import { createEmbeddedModel } from '../src/models/embedded.js';
import { checkLinePairs } from '../src/tasks/check-lines.js';
import { createRandom } from '../src/tasks/random.js';
import { failUsage, numberFlag, parseBenchArgs } from './bench-args.js';
import { rocAuc } from './model-checker.js';

const USAGE = `Usage: npm run bench:check -- [mini|full] [PAIRS]
How well the embedded model's learned check role separates right scratchpad lines from corrupted ones (AUC, accuracy
at 0.5) on PAIRS held-out level-2 arithmetic lines (default 40).`;
const { positionals } = parseBenchArgs(USAGE, { options: {}, allowPositionals: true });
const tier = positionals[0] ?? 'mini';
if (tier !== 'mini' && tier !== 'full') failUsage(USAGE, `the tier is mini or full, got "${tier}"`);
const count = numberFlag(USAGE, 'PAIRS', positionals[1] ?? '40', 1);
const model = await createEmbeddedModel({ tier, threads: 1, sequences: 1 });
const right: number[] = [];
const wrong: number[] = [];
for (const pair of checkLinePairs(2, count, createRandom(7))) {
  right.push(await model.checkStep(pair.right));
  wrong.push(await model.checkStep(pair.wrong));
}
await model.close?.();
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const accuracy = (right.filter((p) => p > 0.5).length + wrong.filter((p) => p <= 0.5).length) / (right.length + wrong.length);
console.log('| tier | lines | P(right) on right lines | P(right) on wrong lines | AUC | accuracy at 0.5 |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(
  `| ${tier} | ${right.length}+${wrong.length} | ${mean(right).toFixed(3)} | ${mean(wrong).toFixed(3)} | ${rocAuc(right, wrong).toFixed(3)} | ${accuracy.toFixed(3)} |`,
);
