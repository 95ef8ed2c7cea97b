/** @module `slowthink data`: writes training JSONL (solve, direct and check examples) for the embedded model. */
import type { Command } from 'commander';
import { parseNumberOption } from '../../errors/number-option.js';

/** Registers the `data` command. */
export function register(program: Command): void {
  program
    .command('data')
    .description('Write training data (JSONL: prompt, completion, kind, task, level) for the embedded model')
    .option('--task <name>', 'arithmetic, countdown, or mix (both tasks, harder levels weighted up)', 'mix')
    .option('--n <count>', 'number of examples', '10000')
    .option('--seed <seed>', 'training seed, below 1000000 (evaluation sets use 1000001)', '1')
    .requiredOption('--out <file>', 'output JSONL file')
    .option('--levels <levels>', 'levels to include, e.g. 1-5 or 2,4')
    .option('--direct-share <share>', 'share of direct (no thinking) examples', '0.1')
    .option('--check-share <share>', 'share of step-check examples', '0.1')
    .option('--close-share <share>', 'share of extra level 1-2 scratchpads of a close difference (89-85)', '0')
    .option(
      '--draw <draw>',
      "natural (the evaluation sets' distribution) or balanced (every arithmetic shape of a level equally often, more divisions)",
      'natural',
    )
    .option('--no-held-out', 'do not exclude the reserved evaluation problems')
    .option('--task-weights <weights>', 'mix task weights, e.g. arithmetic=0.7,countdown=0.3 (default 0.6/0.4)')
    .option('--level-weights <weights>', 'level weights per task, e.g. arithmetic=3/3/2/1/1,countdown=2/1/1 (default harder levels up)')
    .option('--split <split>', 'train, or eval: the reserved evaluation problems (--n per task and level)', 'train')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const { writeTrainingData } = await import('../../tasks/write-training-data.js');
      // Every number through the one numeric-option validator (issue #17): `--seed abc` was NaN, silently.
      const share = (flag: string, value: string | boolean | undefined) =>
        parseNumberOption(flag, value, { minimum: 0, maximum: 1, example: '0.1' });
      const summary = await writeTrainingData({
        task: String(options['task']),
        n: parseNumberOption('n', options['n'], { integer: true, minimum: 1, example: '10000' }) ?? 10000,
        seed: parseNumberOption('seed', options['seed'], { integer: true, minimum: 0, example: '1' }) ?? 1,
        out: String(options['out']),
        levels: typeof options['levels'] === 'string' ? options['levels'] : undefined,
        directShare: share('direct-share', options['directShare']) ?? 0.1,
        checkShare: share('check-share', options['checkShare']) ?? 0.1,
        closeShare: share('close-share', options['closeShare']) ?? 0,
        heldOut: options['heldOut'] !== false,
        split: String(options['split']),
        draw: String(options['draw']),
        taskWeights: typeof options['taskWeights'] === 'string' ? options['taskWeights'] : undefined,
        levelWeights: typeof options['levelWeights'] === 'string' ? options['levelWeights'] : undefined,
      });
      console.log(`wrote ${summary.count} examples to ${summary.out}`);
      console.log(`by kind: ${JSON.stringify(summary.byKind)}`);
      console.log(`by task/level: ${JSON.stringify(summary.byTask)}`);
      console.log(`mean length ${summary.meanChars.toFixed(1)} chars, max ${summary.maxChars}`);
    });
}
