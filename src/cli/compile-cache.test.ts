import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compiledEntry } from '../../bin/compile-cache.js';
import { runCli } from '../testing/run-cli.js';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'slowthink-cache-'));
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  mkdirSync(join(root, 'models'));
  writeFileSync(join(root, 'models', 'weights.txt'), 'w1');
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { verbatimModuleSyntax: true } }));
  writeFileSync(join(root, 'src', 'util.ts'), 'export const twice = (value: number): number => value * 2;\n');
  writeFileSync(join(root, 'src', 'util.test.ts'), 'throw new Error("tests are not compiled");\n');
  writeFileSync(
    join(root, 'src', 'cli', 'main.ts'),
    [
      "import { readFileSync } from 'node:fs';",
      "import type { Stats } from 'node:fs';",
      "import { twice } from '../util.js';",
      'export const stats: Stats | undefined = undefined;',
      "export const answer = String(twice(21)) + ' ' + readFileSync(new URL('../../models/weights.txt', import.meta.url), 'utf8');",
    ].join('\n'),
  );
  return root;
}

describe('bin/compile-cache.js', () => {
  it('compiles src once, recompiles only what changed, drops what was deleted, and keeps import.meta.url paths', async () => {
    const root = project();
    const first = await compiledEntry({ root });
    expect(first?.compiled).toBe(2);
    expect((await import(pathToFileURL(first?.entry ?? '').href)).answer).toBe('42 w1');
    expect((await compiledEntry({ root }))?.compiled).toBe(0);
    writeFileSync(join(root, 'src', 'util.ts'), 'export const twice = (value: number): number => value * 20;\n');
    utimesSync(join(root, 'src', 'util.ts'), new Date(), new Date(Date.now() + 5000));
    expect((await compiledEntry({ root }))?.compiled).toBe(1);
    const cache = (first?.entry ?? '').replace(/src\/cli\/main\.js$/, '');
    expect(cache.startsWith(join(root, 'node_modules', '.cache', 'slowthink-cli'))).toBe(true);
    expect(readFileSync(join(cache, 'src', 'util.js'), 'utf8')).toContain('value * 20');
    rmSync(join(root, 'src', 'util.ts'));
    await compiledEntry({ root });
    expect(() => readFileSync(join(cache, 'src', 'util.js'))).toThrow(/ENOENT/);
    expect(() => readFileSync(join(cache, 'src', 'util.test.js'))).toThrow(/ENOENT/);
  });

  it('without its entry (a tree without src/) it declines, and the CLI falls back to tsx', async () => {
    expect(await compiledEntry({ root: mkdtempSync(join(tmpdir(), 'slowthink-empty-')) })).toBeUndefined();
    const run = await runCli(['ask', 'q', '--max-calls', '1.5'], { env: { SLOWTHINK_NO_CACHE: '1' } });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^error ST_INVALID_ARGUMENT: --max-calls must be a whole number/);
  }, 30_000);
});
