import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';
import { sftExportPath } from './train.js';

describe('train sft output path', () => {
  it('defaults beside the checkpoints; models/*.gguf only with --ship; never both --ship and --out', () => {
    expect(sftExportPath({ tier: 'mini' })).toBe('training/checkpoints/mini/slowthink-mini.gguf');
    expect(sftExportPath({ tier: 'full', checkpoints: '/tmp/run' })).toBe('/tmp/run/slowthink.gguf');
    expect(sftExportPath({ tier: 'mini', out: 'x/y.gguf' })).toBe('x/y.gguf');
    expect(sftExportPath({ tier: 'full', ship: true })).toBe('models/slowthink.gguf');
    for (const out of ['models/slowthink-mini.gguf', './models/../models/slowthink.gguf'])
      expect(() => sftExportPath({ tier: 'mini', out })).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT', param: 'out' }));
    expect(() => sftExportPath({ tier: 'mini', ship: true, out: 'a.gguf' })).toThrow(/--ship or --out/);
  });

  it('through the CLI: an --out on a shipped model exits 2 before anything runs; the default reaches the trainer', async () => {
    const shipped = 'models/slowthink-mini.gguf';
    const before = statSync(shipped).mtimeMs;
    const refused = await runCli(['train', 'sft', '--out', shipped, '--python', '/bin/true']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error ST_INVALID_ARGUMENT: --out models\/slowthink-mini.gguf is a shipped model/);
    expect(refused.stdout).toBe('');
    expect(statSync(shipped).mtimeMs).toBe(before);
    // /bin/true stands in for the trainer: what is checked is the --export path the CLI hands to training/train.py.
    const folder = mkdtempSync(join(tmpdir(), 'slowthink-train-'));
    const data = join(folder, 'data.jsonl');
    writeFileSync(data, '');
    const run = await runCli(['train', 'sft', '--data', data, '--checkpoints', folder, '--steps', '1', '--python', '/bin/true']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(` --export=${join(folder, 'slowthink-mini.gguf')} `);
  }, 30_000);
});
