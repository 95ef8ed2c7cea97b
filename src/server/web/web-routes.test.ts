import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../store/index.js';
import { storedResult } from '../../testing/stored-result.js';
import { createTestApp } from '../../testing/test-app.js';

const stores: RunStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function memoryStore(): RunStore {
  const store = RunStore.open(':memory:');
  stores.push(store);
  return store;
}

function builtApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'slowthink-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><meta name="slowthink-web"><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  return root;
}

const live = (question: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'slowthink-mini', question, effort: 'low' }),
});

async function dataLines(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
}

describe('POST /v1/slowthink/runs (the playground stream)', () => {
  it('streams the engine events themselves, then the result, and keeps the trace in the run store', async () => {
    const store = memoryStore();
    const { app } = createTestApp({ samples: 3 }, { runStore: store });
    const reply = await app.request('/v1/slowthink/runs', live('What is 40 + 2?'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/event-stream');
    const events = await dataLines(reply);
    const types = events.map((event) => event['type']);
    expect(types.filter((type) => type === 'thought-start')).toHaveLength(3);
    expect(types.indexOf('vote')).toBeGreaterThan(types.lastIndexOf('sample-end'));
    expect(types.at(-1)).toBe('result');
    expect(events.at(-1)?.['result']).toMatchObject({ answer: '42', finish_reason: 'stop' });
    await new Promise((resolve) => setTimeout(resolve, 10)); // the recorder saves once the result settles
    const runs = (await (await app.request('/v1/slowthink/runs')).json()) as { data: Array<Record<string, unknown>> };
    expect(runs.data).toHaveLength(1);
    expect(runs.data[0]).toMatchObject({ kind: 'trace', source: 'api', task: 'api', status: 'completed' });
    const run = (await (await app.request(`/v1/slowthink/runs/${runs.data[0]?.['id']}`)).json()) as { configs: string[] };
    const trace = await app.request(
      `/v1/slowthink/runs/${runs.data[0]?.['id']}/trace?problem=question&config=${encodeURIComponent(run.configs[0] ?? '')}`,
    );
    expect(trace.status).toBe(200);
    expect(await trace.json()).toMatchObject({ problem: { question: 'What is 40 + 2?' }, result: { answer: '42' } });
  });

  it('stops the engine run and frees its slot when the client cancels the stream', async () => {
    const { app, engine } = createTestApp({ samples: 50, delayMs: 20 });
    const reply = await app.request('/v1/slowthink/runs', live('What is 40 + 2?'));
    const reader = reply.body!.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(engine.aborted).toBe(1);
    expect(engine.finished).toBe(0);
    const health = (await (await app.request('/health')).json()) as { active_runs: number };
    expect(health.active_runs).toBe(0);
  });

  it('refuses an empty question and a bad effort with 400s before any stream starts', async () => {
    const { app, engine } = createTestApp();
    const empty = await app.request('/v1/slowthink/runs', live('   '));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { param: string } }).error.param).toBe('question');
    const effort = await app.request('/v1/slowthink/runs', {
      ...live('Hi'),
      body: JSON.stringify({ model: 'slowthink-mini', question: 'Hi', effort: 'huge' }),
    });
    expect(effort.status).toBe(400);
    expect(engine.requests).toHaveLength(0);
  });
});

describe('the read-only store routes', () => {
  function benchStore(): RunStore {
    const store = memoryStore();
    const problems = [1, 2, 3, 4].map((index) => ({
      id: `p${index}`,
      task: 'arithmetic',
      question: `${index}+${index}`,
      level: index % 2,
    }));
    store.createRun({ id: 'bench-1', task: 'arithmetic', model: 'slowthink-mini', jobCount: 8, options: {} }, problems);
    for (const [index, problem] of problems.entries()) {
      const job = { events: [], thoughts: [], ledger: [] };
      store.saveResult('bench-1', {
        ...storedResult({ problemId: problem.id, config: 'effort=low', correct: index < 1, completionTokens: 100 }),
        ...job,
      });
      store.saveResult('bench-1', {
        ...storedResult({ problemId: problem.id, config: 'effort=high', correct: index < 3, completionTokens: 400 }),
        ...job,
      });
    }
    return store;
  }

  it('lists, filters and summarises a bench run for the plots', async () => {
    const { app } = createTestApp({}, { runStore: benchStore() });
    const plots = (await (await app.request('/v1/slowthink/runs/bench-1/plots')).json()) as {
      configs: Array<{ config: string; accuracy: number; tokensPerCorrect: number; byLevel: Array<{ level: number; accuracy: number }> }>;
    };
    expect(plots.configs.map((entry) => [entry.config, entry.accuracy, entry.tokensPerCorrect])).toEqual([
      ['effort=low', 0.25, 400],
      ['effort=high', 0.75, 1600 / 3],
    ]);
    expect(plots.configs[1]?.byLevel).toEqual([
      { level: 0, jobs: 2, accuracy: 0.5 },
      { level: 1, jobs: 2, accuracy: 1 },
    ]);
    const filtered = (await (await app.request('/v1/slowthink/runs/bench-1/jobs?config=effort%3Dhigh&correct=false')).json()) as {
      data: Array<{ problemId: string }>;
    };
    expect(filtered.data.map((job) => job.problemId)).toEqual(['p4']);
    const searched = (await (await app.request('/v1/slowthink/runs/bench-1/jobs?q=3%2B3')).json()) as { total: number };
    expect(searched.total).toBe(2);
  });

  it('answers unknown runs and traces with 404 and never accepts a write', async () => {
    const { app } = createTestApp({}, { runStore: benchStore() });
    expect((await app.request('/v1/slowthink/runs/nope')).status).toBe(404);
    expect((await app.request('/v1/slowthink/runs/bench-1/trace?problem=p9&config=x')).status).toBe(404);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      expect((await app.request('/v1/slowthink/runs/bench-1', { method })).status).toBe(404);
    }
    expect((await app.request('/v1/slowthink/runs')).status).toBe(200);
  });
});

describe('the web app at /', () => {
  it('serves the built app with the same API keys: login page, key to cookie, then the app', async () => {
    const { app } = createTestApp({}, { apiKeys: ['sk-right'], webRoot: builtApp() });
    expect((await app.request('/')).status).toBe(401);
    expect((await app.request('/assets/app-1234.js')).status).toBe(401);
    expect((await app.request('/v1/slowthink/runs')).status).toBe(401);
    expect((await app.request('/?key=sk-wrong')).status).toBe(401);
    const login = await app.request('/?key=sk-right');
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^slowthink_key=sk-right;.*SameSite=Strict/);
    const page = await app.request('/', { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('slowthink-web');
    const asset = await app.request('/assets/app-1234.js', { headers: { authorization: 'Bearer sk-right' } });
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('never serves a file outside the build, and says how to build when there is no build', async () => {
    const { app } = createTestApp({}, { webRoot: builtApp() });
    for (const path of ['/assets/../../../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/missing.js']) {
      expect((await app.request(path)).status).toBe(404);
    }
    const { app: unbuilt } = createTestApp({}, { webRoot: null });
    const reply = await unbuilt.request('/');
    expect(reply.status).toBe(404);
    expect(await reply.text()).toContain('npm run build:web');
  });
});
