/** @module A CLI with only `bench` and `runs`, for child-process tests (kill-and-resume) independent of the main CLI. */
import { Command } from 'commander';
import { register as registerBench } from '../cli/commands/bench.js';
import { register as registerRuns } from '../cli/commands/runs.js';

const program = new Command('slowthink-bench-test');
registerBench(program);
registerRuns(program);
await program.parseAsync(process.argv);
