import { describe, expect, it } from 'vitest';
import { runNode } from '../testing/run-cli.js';

// The bench scripts as `npm run bench:* -- FLAGS` runs them (tsx): `--help` prints the usage, a bad flag exits 2. The two
// the issue named; the others parse through the same scripts/bench-args.ts (each script loads ~1 s of modules).
const scripts = ['model', 'check'];
const runScript = (name: string, args: string[]) => runNode(`scripts/bench-${name}.ts`, args, { nodeArgs: ['--import', 'tsx'] });

describe('bench scripts', () => {
  it('--help prints the usage and exits 0 without running anything', async () => {
    const runs = await Promise.all(scripts.map((name) => runScript(name, ['--help'])));
    runs.forEach((run, index) => {
      expect({ script: scripts[index], code: run.code, stderr: run.stderr }).toEqual({ script: scripts[index], code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^Usage: npm run bench:/);
    });
  }, 60_000);

  it('a bad flag or value exits 2 with the error and the usage, never a stack trace', async () => {
    const [unknown, tier] = await Promise.all([runScript('model', ['--cuont', '3']), runScript('check', ['huge'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error ST_INVALID_ARGUMENT: Unknown option '--cuont'[\s\S]*\nUsage: npm run bench:model/);
    expect(tier.code).toBe(2);
    expect(tier.stderr).toMatch(/^error ST_INVALID_ARGUMENT: the tier is mini or full, got "huge"\nUsage: npm run bench:check/);
    expect(unknown.stderr + tier.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
