/** @module `slowthink route fit|eval`: fit the learned `auto` on stored bench runs, or evaluate a fitted router on other runs. */
import type { Command } from 'commander';

/** Registers `route` and its subcommands on the program. */
export function register(program: Command): void {
  const route = program.command('route').description('Fit and evaluate the learned `auto` router on stored bench runs (docs/routing.md)');
  route
    .command('fit <runIds...>')
    .description(
      'Fit a router table on runs with many samples per problem (self-consistency:n=64 or best-of-n:n=64), cross-validated by problem; writes the router JSON',
    )
    .option('--store <path>', 'run store file (default $SLOWTHINK_STORE or ~/.slowthink/runs.db)')
    .option('--config <key>', "the runs' config to learn from (default: the one with the most samples per problem)")
    .option('--out <file>', 'router file to write (ship it as models/<model>.router.json)', 'router.json')
    .option('--folds <count>', 'cross-validation folds, by problem', '5')
    .option('--seed <seed>', 'seed of the folds and the adaptive stops', '1')
    .option(
      '--tokens-per-answer <tokens>',
      'tokens one more right answer is worth (each cell maximises right − tokens / this), or auto: the most accurate by cross-validation within --token-share',
      'auto',
    )
    .option(
      '--token-share <share>',
      "with --tokens-per-answer auto: the most tokens the router may spend, as a share of SC@64's (or BoN@64's)",
      '0.25',
    )
    .option('--min-problems <count>', "a (task, size) cell with fewer problems uses its task's row", '8')
    .option('--effort <effort>', 'the effort row whose budget routed requests run under', 'high')
    .option('--sample-tokens <tokens>', 'per-sample token cap routed requests draw with (the fitted samples were drawn with it)', '2048')
    .option('--plot <base>', 'also write <base>.svg and <base>.png: accuracy against tokens per plan family')
    .option('--json', 'print the summary as JSON')
    .action(async (runIds: string[], options) => {
      const { parseNumberOption } = await import('../../errors/number-option.js');
      const { fitRoute } = await import('./route-action.js');
      const { text } = fitRoute(runIds, {
        store: options.store,
        config: options.config,
        out: options.out,
        folds: parseNumberOption('folds', options.folds, { integer: true, minimum: 2, maximum: 100, example: '5' }),
        seed: parseNumberOption('seed', options.seed, { integer: true, minimum: 0, example: '1' }),
        tokensPerAnswer:
          options.tokensPerAnswer === 'auto'
            ? 'auto'
            : parseNumberOption('tokens-per-answer', options.tokensPerAnswer, { minimum: 0, exclusive: true, example: '2048 or auto' }),
        tokenShare: parseNumberOption('token-share', options.tokenShare, { minimum: 0, exclusive: true, maximum: 1, example: '0.25' }),
        minProblems: parseNumberOption('min-problems', options.minProblems, { integer: true, minimum: 1, example: '8' }),
        effort: options.effort,
        sampleTokens: parseNumberOption('sample-tokens', options.sampleTokens, { integer: true, minimum: 1, example: '2048' }),
        plot: options.plot,
        json: options.json,
      });
      process.stdout.write(`${text}\n`);
    });
  route
    .command('eval <router> <runIds...>')
    .description('Apply a fitted router file to other stored runs (problems it was not fitted on) and compare it with the fixed plans')
    .option('--store <path>', 'run store file (default $SLOWTHINK_STORE or ~/.slowthink/runs.db)')
    .option('--config <key>', "the runs' config to replay (default: the one with the most samples per problem)")
    .option('--seed <seed>', 'seed of the adaptive stops', '1')
    .option('--plot <base>', 'also write <base>.svg and <base>.png')
    .option('--json', 'print the summary as JSON')
    .action(async (routerPath: string, runIds: string[], options) => {
      const { parseNumberOption } = await import('../../errors/number-option.js');
      const { evaluateRoute } = await import('./route-action.js');
      const seed = parseNumberOption('seed', options.seed, { integer: true, minimum: 0, example: '1' });
      process.stdout.write(
        `${evaluateRoute(routerPath, runIds, { store: options.store, config: options.config, seed, plot: options.plot, json: options.json })}\n`,
      );
    });
}
