/**
 * The web app in a real browser (Debian's chromium through playwright-core) against the real server on the embedded
 * model: a live tree that grows before the answer, Stop that stops the server's work, replay of stored runs, keyboard.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reason } from '../../src/engine/index.js';
import { saveTrace } from '../../src/store/index.js';
import { ensureWebBuild, launchBrowser, SCREENSHOTS, startWebServer, storeBenchRun, type WebServer } from './harness.js';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  await storeBenchRun(server.store, 'bench-browser');
  // An ask's trace too, so the run list has two kinds of rows even when a test runs alone.
  const result = await reason({ question: 'What is 12+30?', model: 'slowthink-mini', effort: 'low' });
  saveTrace(server.store, {
    source: 'ask',
    question: 'What is 12+30?',
    model: result.model,
    effort: 'low',
    strategy: result.strategy,
    result,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/${hash}`);
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Records, at every DOM change, how many sample nodes the tree holds and whether the answer is shown. */
const RECORD_ORDER = () => {
  const frames: Array<{ samples: number; answered: boolean }> = [];
  (window as unknown as { orderFrames: typeof frames }).orderFrames = frames;
  new MutationObserver(() => {
    const samples = document.querySelectorAll('[data-testid="tree-node"][data-role="sample"]').length;
    const answer = document.querySelector('[data-testid="answer"]')?.textContent ?? '';
    const answered = /\d/.test(answer);
    const last = frames.at(-1);
    if (!last || last.samples !== samples || last.answered !== answered) frames.push({ samples, answered });
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

async function ask(page: Page, question: string, strategy: string, samples: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(question);
  await page.getByLabel('Strategy', { exact: true }).selectOption(strategy);
  await page.getByLabel('Samples', { exact: true }).fill(samples);
  await page.getByRole('button', { name: 'Think' }).click();
}

describe('the web app in chromium', () => {
  it('grows the tree live: at least two samples appear before the answer, then the answer and the ledger', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.addInitScript(RECORD_ORDER);
    await page.goto(`${server.url}/`);
    await ask(page, 'What is 347*58?', 'self-consistency', '5');
    await page.locator('[data-testid="run-status"][data-status="done"]').waitFor();
    const frames = await page.evaluate(
      () => (window as unknown as { orderFrames: Array<{ samples: number; answered: boolean }> }).orderFrames,
    );
    const firstAnswered = frames.findIndex((frame) => frame.answered);
    expect(firstAnswered).toBeGreaterThan(0);
    expect(frames.slice(0, firstAnswered).some((frame) => frame.samples >= 2)).toBe(true);
    await expect.poll(() => page.locator('[data-testid="tree-node"][data-role="sample"]').count()).toBe(5);
    expect(await page.getByTestId('answer').textContent()).toMatch(/\d/);
    const ledger = page.getByRole('table', { name: 'Ledger' });
    expect(await ledger.getByRole('rowheader').allTextContents()).toEqual(expect.arrayContaining(['generate', 'total']));
    const totalRow = (await ledger.getByRole('row').last().getByRole('cell').allTextContents()).map(Number);
    expect(totalRow[2]).toBeGreaterThan(0); // completion tokens
    expect(await page.getByTestId('votes').textContent()).toMatch(/P\(leader wins\)/);
    await shoot(page, 'playground');
    if (SCREENSHOTS) {
      // Only for the docs: a beam search, whose dropped steps are drawn as pruned.
      await page.getByLabel('Strategy', { exact: true }).selectOption('beam');
      await page.getByLabel('Samples', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Think' }).click();
      await page.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(500);
      await shoot(page, 'playground-beam');
    }
    await page.close();
  }, 120_000);

  it('stops a run: the page says stopped, the server frees the run at once and keeps its partial trace', async () => {
    const apiRuns = async () =>
      ((await (await fetch(`${server.url}/v1/slowthink/runs`)).json()) as { data: Array<{ id: string; source: string }> }).data
        .filter((run) => run.source === 'api')
        .map((run) => run.id);
    const before = new Set(await apiRuns());
    const page = await openPage();
    await ask(page, 'What is 987*654?', 'self-consistency', '64');
    await page.locator('[data-testid="tree-node"][data-role="sample"]').first().waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('[data-testid="run-status"][data-status="stopped"]').waitFor();
    const health = async () => ((await (await fetch(`${server.url}/health`)).json()) as { active_runs: number }).active_runs;
    await expect.poll(health, { timeout: 10_000 }).toBe(0);
    expect(await page.locator('[data-testid="tree-node"][data-role="sample"]').count()).toBeLessThan(64);
    // The stopped run is kept, with what it did until the abort.
    await expect.poll(async () => (await apiRuns()).filter((id) => !before.has(id)).length, { timeout: 10_000 }).toBe(1);
    const stopped = (await apiRuns()).find((id) => !before.has(id));
    const jobs = (await (await fetch(`${server.url}/v1/slowthink/runs/${stopped}/jobs`)).json()) as {
      data: Array<{ stoppedBy: string | null; error: string | null }>;
    };
    const job = jobs.data[0];
    expect(job?.stoppedBy === 'abort' || /ABORTED/.test(job?.error ?? '')).toBe(true);
    await page.close();
  }, 120_000);

  it('opens a stored bench run: plots, filtered problems, a replay scrubbed back and forth, two configs side by side', async () => {
    const page = await openPage('#runs');
    await page.locator('[data-testid="run-row"][data-kind="bench"]').click();
    await page.getByTestId('run-title').waitFor();
    await expect.poll(() => page.locator('.chart svg').count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel('Config', { exact: true }).selectOption('cot');
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(2);
    await page.getByLabel('Search', { exact: true }).fill('38+45');
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(1);
    await page.getByLabel('Config', { exact: true }).selectOption('');
    await expect.poll(() => page.getByTestId('job-row').count()).toBe(2);
    await page.getByRole('row', { name: 'Replay p2 under self-consistency:n=3' }).click();
    const scrubber = page.getByLabel('Replay of p2 under self-consistency:n=3: event');
    await scrubber.waitFor();
    const total = Number(await scrubber.getAttribute('max'));
    expect(total).toBeGreaterThan(5);
    const replayTree = page.getByRole('region', { name: /^Replay of p2 under self-consistency:n=3: tree at event/ });
    const samplesAt = async () => replayTree.locator('[data-testid="tree-node"][data-role="sample"]').count();
    await expect.poll(samplesAt).toBe(3);
    await scrubber.fill('0');
    await expect.poll(samplesAt).toBe(0);
    await scrubber.fill(String(Math.ceil(total / 2)));
    const middle = await samplesAt();
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThanOrEqual(3);
    const left = page.getByRole('region', { name: 'Left: cot', exact: true });
    const right = page.getByRole('region', { name: 'Right: self-consistency:n=3', exact: true });
    await expect.poll(() => right.locator('[data-testid="tree-node"][data-role="sample"]').count()).toBe(3);
    expect(await left.locator('[data-testid="tree-node"]').count()).toBeGreaterThanOrEqual(2);
    expect(await left.locator('[data-testid="tree-node"]').count()).toBeLessThan(4);
    await shoot(page, 'runs-replay');
    if (SCREENSHOTS)
      await page.getByRole('region', { name: 'Compare two configurations' }).screenshot({ path: join(SCREENSHOTS, 'runs-compare.png') });
    await page.close();
  }, 120_000);

  it('works from the keyboard, with labelled controls', async () => {
    const page = await openPage();
    const playgroundTab = page.getByRole('tab', { name: 'Playground' });
    await playgroundTab.focus();
    await page.keyboard.press('ArrowRight');
    const runsTab = page.getByRole('tab', { name: 'Runs' });
    expect(await runsTab.getAttribute('aria-selected')).toBe('true');
    expect(await runsTab.evaluate((element) => element === document.activeElement)).toBe(true);
    const rows = page.getByTestId('run-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await shoot(page, 'runs-list');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await rows.nth(1).evaluate((element) => element === document.activeElement)).toBe(true);
    const target = await page.locator('[data-testid="run-row"][data-kind="bench"]').getAttribute('aria-label');
    await page.locator('[data-testid="run-row"][data-kind="bench"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('run-title').textContent()).toBe(target?.replace('Open run ', ''));
    await page.getByTestId('job-row').first().focus();
    await page.keyboard.press('Enter');
    const scrubber = page.getByTestId('scrubber').first();
    await scrubber.waitFor();
    const total = Number(await scrubber.getAttribute('max'));
    await scrubber.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(Number(await scrubber.inputValue())).toBe(total - 2);
    await page.keyboard.press('End');
    // A tree node takes focus from the keyboard, and Enter shows its text.
    const node = page.locator('[data-testid="tree-node"]:not([data-role="question"])').first();
    await node.focus();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('region', { name: 'Selected thought' });
    await expect.poll(() => detail.getByRole('heading').textContent()).toBe(await node.locator('.node-label').textContent());
    expect(await detail.locator('pre').textContent()).toMatch(/\d/);
    await scrubber.focus();
    await page.keyboard.press('Home');
    expect(Number(await scrubber.inputValue())).toBe(0);
    // Every form control of the playground has an accessible name.
    await page.getByRole('tab', { name: 'Runs' }).focus();
    await page.keyboard.press('ArrowLeft');
    for (const name of [
      'Question',
      'Model',
      'Effort',
      'Strategy',
      'Samples',
      'Options',
      'Max tokens',
      'Max usd',
      'Max seconds',
      'Max calls',
    ]) {
      expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
    }
    expect(await page.getByRole('region', { name: 'Tree of thoughts' }).count()).toBe(1);
    await page.close();
  }, 120_000);
});
