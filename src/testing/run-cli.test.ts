import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-cli.js';

// What test/package/pack.test.ts relies on: a chosen folder, the whole environment as given, a start failure rejects.
describe('runProcess', () => {
  it('runs in the given folder with exactly the given environment', async () => {
    const script = 'console.log(JSON.stringify({ cwd: process.cwd(), home: process.env.HOME ?? null, mark: process.env.MARK }))';
    const run = await runProcess(process.execPath, ['-e', script], { cwd: tmpdir(), env: { MARK: 'x' }, detached: true });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ cwd: tmpdir(), home: null, mark: 'x' });
  });

  it('rejects when the command cannot start', async () => {
    await expect(runProcess('slowthink-no-such-command', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
