import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reason } from '../engine/index.js';
import { runStrategy } from '../testing/contracts/run-strategy.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { testRouter } from '../testing/test-router.js';
import { writeRouter } from './router-file.js';
import { routerStrategy } from './router-strategy.js';

const router = testRouter('scripted:test');
const question = 'What is 12 * 30 - 7?';

function run(responses: string[], options: { limits?: Record<string, number>; signal?: AbortSignal; q?: string } = {}) {
  const model = createScriptedModel({ responses, capabilities: { maxParallel: 4 } });
  const pending = runStrategy({
    strategy: routerStrategy,
    model,
    question: options.q ?? question,
    options: { router },
    limits: options.limits ?? {},
    signal: options.signal,
  });
  return { model, pending };
}

describe('the router strategy', () => {
  it('stops after the two probes when they agree', async () => {
    const { model, pending } = run(['A: 353', 'A: 353', 'A: 1']);
    const { result, totals } = await pending;
    expect(result).toMatchObject({ answer: '353', samples: 2, stoppedBy: null });
    expect(result.details?.['route']).toMatchObject({ agreement: 'agree', plan: 'stop', cell: '*/*' });
    expect(totals.samples).toBe(2);
    expect(model.calls).toHaveLength(1);
  });

  it('draws up to the plan after split probes, reusing them, and answers the majority', async () => {
    const { result, totals } = await run(['A: 1', 'A: 353', 'A: 353', 'A: 2', 'A: 353', 'A: 3', 'A: 353', 'A: 4']).pending;
    expect(result).toMatchObject({ answer: '353', samples: 8, stoppedBy: null });
    expect(result.details?.['route']).toMatchObject({ agreement: 'disagree', plan: 'vote@8' });
    // The probes are two of the eight: eight samples charged, not ten.
    expect(totals.samples).toBe(8);
  });

  it('answers with one chain where the table says the size is easy (named as a strategy, with the router as its option)', async () => {
    const model = createScriptedModel({ responses: ['A: 5', 'A: 6'] });
    const result = await reason({ question: 'What is 2+3?', task: 'arithmetic', strategy: 'router', options: { router }, model });
    expect(result).toMatchObject({ answer: '5', samples: 1, strategy: 'router' });
    expect(result.details?.['route']).toMatchObject({ first: 'single', plan: 'single', cell: 'arithmetic/ops1' });
  });

  it('runs the generic table when named without a router and none was fitted for the model', async () => {
    const model = createScriptedModel({ responses: ['A: 1', 'A: 2', 'A: 2', 'A: 2'], id: 'scripted:unfitted' });
    const result = await reason({ question, strategy: 'router', model });
    expect(result).toMatchObject({ answer: '2', samples: 8, strategy: 'router' });
    expect(result.details?.['route']).toMatchObject({ model: '*', agreement: 'disagree', plan: 'vote@8' });
  });

  it('is anytime: a token limit stops it with the answer so far and names the limit', async () => {
    const { result, totals } = await run(['A: 1', 'A: 353', 'A: 353', 'A: 2'], { limits: { maxTokens: 9 } }).pending;
    expect(totals.completionTokens).toBeLessThanOrEqual(9);
    expect(result.stoppedBy).toBe('tokens');
    expect(result.samples).toBeGreaterThanOrEqual(2);
    expect(result.answer).toBeDefined();
  });

  it('stops at once when aborted, having spent nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, totals } = await run(['A: 1'], { signal: controller.signal }).pending;
    expect(result).toMatchObject({ stoppedBy: 'abort', finishReason: 'abort' });
    expect(totals.calls).toBe(0);
  });
});

describe('--effort auto with a router', () => {
  const folder = mkdtempSync(join(tmpdir(), 'slowthink-auto-'));
  const path = join(folder, 'scripted.router.json');
  writeRouter(path, router);
  const saved = process.env['SLOWTHINK_ROUTER'];
  afterAll(() => {
    if (saved === undefined) delete process.env['SLOWTHINK_ROUTER'];
    else process.env['SLOWTHINK_ROUTER'] = saved;
    rmSync(folder, { recursive: true, force: true });
  });

  it("runs the router for the model it was fitted for, and the rule when it is switched off or another model's", async () => {
    const model = createScriptedModel({ responses: ['A: 353'] });
    process.env['SLOWTHINK_ROUTER'] = path;
    const routed = await reason({ question, effort: 'auto', model });
    expect(routed).toMatchObject({ strategy: 'router', effort: 'high', answer: '353', samples: 2 });
    expect(routed.usage.completionTokens).toBe(routed.totals.completionTokens);
    expect(routed.details?.['requestedEffort']).toBe('auto');
    // A named strategy wins over the router, as over the rule.
    expect((await reason({ question, effort: 'auto', model, strategy: 'cot' })).strategy).toBe('cot');
    const other = createScriptedModel({ responses: ['A: 353'], id: 'scripted:other' });
    expect((await reason({ question, effort: 'auto', model: other })).strategy).not.toBe('router');
    process.env['SLOWTHINK_ROUTER'] = 'none';
    expect((await reason({ question, effort: 'auto', model })).strategy).not.toBe('router');
  });
});
