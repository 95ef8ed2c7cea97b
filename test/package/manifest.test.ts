/** @module package.json's promises checked against the tree it names: engines, the exports map, the bin. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Manifest, productionTree, semver } from './production-tree.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** The source file that tsconfig.build.json compiles to `target` (./dist/x.js or ./dist/x.d.ts). */
function sourceOf(target: string): string {
  return join(root, target.replace(/^\.\/dist\//, 'src/').replace(/(\.d)?\.js$|\.d\.ts$/, '.ts'));
}

describe('package.json', () => {
  it('engines.node admits only Node versions that every production dependency admits', () => {
    const range = manifest.engines?.node;
    expect(range).toBeDefined();
    const tree = productionTree(root);
    expect(tree.size).toBeGreaterThan(50);
    const narrower = [...tree.values()]
      .filter((dependency) => dependency.engines?.node && !semver.subset(range ?? '', dependency.engines.node))
      .map((dependency) => `${dependency.name}@${dependency.version} wants ${dependency.engines?.node}`);
    expect(narrower).toEqual([]);
    // require() of compute-engine's ESM build (src/verify/math-engine.ts) needs 20.19 / 22.12: the floor is real.
    expect(semver.satisfies('20.18.0', range ?? '')).toBe(false);
    expect(semver.satisfies('22.11.0', range ?? '')).toBe(false);
  });

  it('points main, types and every export at a compiled public source file, and hides the rest', () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports ?? {}).flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.values(entry))),
    ];
    const compiled = targets.filter((target): target is string => target?.startsWith('./dist/') === true);
    expect(compiled.length).toBeGreaterThanOrEqual(8);
    for (const target of compiled) expect(existsSync(sourceOf(target)), target).toBe(true);
    expect(Object.keys(manifest.exports ?? {}).sort()).toEqual(['.', './package.json', './server', './verify']);
  });

  it('names a bin that exists and that runs dist/ when there is no src/', () => {
    const bin = manifest.bin?.['slowthink'];
    expect(bin).toBe('bin/slowthink.js');
    const text = readFileSync(join(root, bin ?? ''), 'utf8');
    expect(text).toContain("'../dist/cli/main.js'");
    expect(existsSync(join(root, 'src/cli/main.ts'))).toBe(true);
  });
});
