import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testRouter } from '../testing/test-router.js';
import { routerFor } from './locate.js';
import { cellFor, parseRouter, writeRouter } from './router-file.js';

const folder = mkdtempSync(join(tmpdir(), 'slowthink-router-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('router files', () => {
  it('backs off from (task, size) to the task to the default row', () => {
    const router = testRouter('scripted:test');
    expect(cellFor(router, { task: 'arithmetic', size: 'ops1' }).first).toBe('single');
    expect(cellFor(router, { task: 'arithmetic', size: 'ops3+*' }).size).toBe('*');
    expect(cellFor(router, { task: 'countdown', size: 'nums3' }).task).toBe('*');
  });

  it('refuses a file without a default row or with an unknown plan, naming the problem (ST_CONFIG)', () => {
    const router = testRouter('scripted:test');
    expect(() => parseRouter({ ...router, cells: router.cells.slice(1) })).toThrow(/no default cell/);
    const bad = { ...router, cells: [{ ...router.cells[0], disagree: 'vote@1' }] };
    expect(() => parseRouter(bad)).toThrow(
      expect.objectContaining({ code: 'ST_CONFIG', message: expect.stringMatching(/cells\.0\.disagree/) }),
    );
  });

  it('is found through SLOWTHINK_ROUTER for its own model and covered tasks only, and switched off by `none`', () => {
    const path = join(folder, 'scripted.router.json');
    writeRouter(path, testRouter('scripted:test'));
    const environment = { SLOWTHINK_ROUTER: path };
    expect(routerFor('scripted:test', 'arithmetic', environment)?.model).toBe('scripted:test');
    expect(routerFor('scripted:test', 'countdown', environment)).toBeUndefined();
    expect(routerFor('scripted:test', undefined, environment)).toBeUndefined();
    expect(routerFor('openai:gpt-4o', 'arithmetic', environment)).toBeUndefined();
    expect(routerFor('scripted:test', 'arithmetic', { SLOWTHINK_ROUTER: 'none' })).toBeUndefined();
    // A model with no file beside its weights has no router: the rule decides.
    expect(routerFor('gguf:/nowhere/model.gguf', 'arithmetic', {})).toBeUndefined();
  });

  it('fails loudly when SLOWTHINK_ROUTER names a missing or malformed file', () => {
    expect(() => routerFor('scripted:test', 'arithmetic', { SLOWTHINK_ROUTER: join(folder, 'missing.json') })).toThrow(
      expect.objectContaining({ code: 'ST_CONFIG' }),
    );
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"format": "slowthink-router/1"');
    expect(() => routerFor('scripted:test', 'arithmetic', { SLOWTHINK_ROUTER: broken })).toThrow(/not JSON/);
  });
});
