/** @module The packages a user of slowthink installs, read from a node_modules tree, and semver to judge their engines. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The fields of a package.json these tests read. */
export interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
}

/** npm's own range logic (a dependency of node-llama-cpp's tree, so present wherever slowthink is installed). */
export const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, superset: string): boolean;
  satisfies(version: string, range: string): boolean;
};

/** Where Node finds `name` from `folder`: the nearest node_modules up the tree, as npm laid it out. */
function installedFolder(name: string, folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Every installed package a user gets (dependencies and installed optional ones, transitively), by folder. */
export function productionTree(folder: string, tree = new Map<string, Manifest>()): Map<string, Manifest> {
  const own = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
  for (const name of Object.keys({ ...own.dependencies, ...own.optionalDependencies })) {
    const found = installedFolder(name, folder);
    if (!found || tree.has(found)) continue;
    tree.set(found, JSON.parse(readFileSync(join(found, 'package.json'), 'utf8')) as Manifest);
    productionTree(found, tree);
  }
  return tree;
}
