/** @module The list of CLI commands; each file registers one command on the program. Add a line per command. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

/** Each command file stays light (commander only) and imports its heavy modules inside its action. */
export const commandLoaders: Array<() => Promise<{ register: RegisterCommand }>> = [
  () => import('./ask.js'),
  () => import('./data.js'),
  () => import('./bench.js'),
  () => import('./runs.js'),
  () => import('./route.js'),
  () => import('./serve.js'),
  () => import('./train.js'),
  () => import('./worker.js'),
];
