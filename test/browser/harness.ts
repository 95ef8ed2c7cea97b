/** @module Browser-test harness: the built web app, the real server on the real engine with a temporary run store, Debian's chromium. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { reason } from '../../src/engine/index.js';
import { closeModels } from '../../src/models/registry.js';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { RunStore } from '../../src/store/index.js';
import { jobRecordOfResult } from '../../src/store/save-trace.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it): never a downloaded browser. */
export const CHROMIUM = process.env.SLOWTHINK_CHROMIUM ?? '/usr/bin/chromium';

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds web/dist when it is missing or older than its sources (`npm ci` builds it; an edit since then rebuilds here). */
export function ensureWebBuild(): void {
  const index = join(root, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newest(join(root, 'web', 'src')),
    newest(join(root, 'web', 'index.html')),
    newest(join(root, 'web', 'vite.config.ts')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

/** Chromium headless with the flags this sandboxed, offline machine needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A served app with its store. */
export interface WebServer {
  url: string;
  store: RunStore;
  close(): Promise<void>;
}

/** The real server on the real engine (embedded models), keeping traces in a fresh store. */
export async function startWebServer(options: { apiKeys?: string[] } = {}): Promise<WebServer> {
  const folder = mkdtempSync(join(tmpdir(), 'slowthink-browser-'));
  const store = RunStore.open(join(folder, 'runs.db'));
  const server: RunningServer = await startServer({ port: 0, runStore: store, logSink: () => {}, apiKeys: options.apiKeys ?? [] });
  return {
    url: server.url,
    store,
    close: async () => {
      await server.close();
      store.close();
      await closeModels();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A small bench-like run stored the way `slowthink bench` stores it: real traces of the embedded model, graded. */
export async function storeBenchRun(store: RunStore, id: string): Promise<void> {
  const problems = [
    { id: 'p1', task: 'arithmetic', question: 'What is 23+19?', answer: '42', level: 1 },
    { id: 'p2', task: 'arithmetic', question: 'What is 38+45?', answer: '83', level: 2 },
  ];
  const configs = [
    { key: 'cot', request: { strategy: 'cot' } },
    { key: 'self-consistency:n=3', request: { strategy: 'self-consistency', options: { n: 3 } } },
  ];
  store.createRun(
    { id, task: 'arithmetic', model: 'slowthink-mini', jobCount: 4, options: { configs: configs.map((c) => c.key) } },
    problems,
  );
  for (const problem of problems) {
    for (const config of configs) {
      const result = await reason({ question: problem.question, model: 'slowthink-mini', seed: 1, ...config.request });
      store.saveResult(
        id,
        jobRecordOfResult(result, { problemId: problem.id, config: config.key, correct: result.answer === problem.answer }),
      );
    }
  }
  store.setStatus(id, 'completed');
}

/** Where screenshots go when SLOWTHINK_UI_SCREENSHOTS=1 (docs/ui/, linked from the README). */
export const SCREENSHOTS = process.env.SLOWTHINK_UI_SCREENSHOTS === '1' ? join(root, 'docs', 'ui') : undefined;
