import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../testing/run-cli.js';

describe('serve flags', () => {
  it('a bad numeric flag exits 2 with the one numeric-option message and an example, before any socket opens', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'slowthink-serve-')), 'runs.db');
    for (const [flag, value] of [
      ['--port', '1.5'],
      ['--port', '70000'],
      ['--max-concurrency', '0'],
      ['--queue-timeout', 'soon'],
    ] as const) {
      const run = await runCli(['serve', '--store', store, flag, value]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`error ST_INVALID_ARGUMENT: ${flag} must be a whole number ≥ `);
      expect(run.stderr).toContain(`got "${value}"`);
      expect(run.stderr).toMatch(new RegExp(`hint: Example: ${flag} \\d+`));
      expect(run.stderr).not.toContain('serving');
    }
  }, 30_000);
});
