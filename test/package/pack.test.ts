/**
 * @module The package as a user gets it: `npm pack`, `npm install ./slowthink-x.y.z.tgz` into an empty folder, then plain
 * Node imports, the declarations, `npx slowthink ask` and `npx slowthink serve` from there. Minutes of npm and a native
 * build, so it runs when SLOWTHINK_PACK_TEST=1 (`npm run test:package`; .ci/run does) and is skipped otherwise.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runProcess } from '../../src/testing/run-cli.js';
import { type Manifest, productionTree, semver } from './production-tree.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const enabled = process.env.SLOWTHINK_PACK_TEST === '1';

type Run = CliRun & { seconds: number };

/** The environment a user's shell has: none of the npm script, vitest or loader variables this test runs under. */
function userEnvironment(): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|NODE_OPTIONS$|INIT_CWD$|TSX_)/i.test(key)) environment[key] = value;
  }
  return environment;
}

/** Runs a command to its end as a user's shell would (`runProcess`, own process group: npx forks the real CLI), timed. */
async function run(command: string, args: readonly string[], cwd: string, onSpawn?: (child: ChildProcess) => void): Promise<Run> {
  const started = performance.now();
  const result = await runProcess(command, args, { cwd, env: userEnvironment(), detached: true, onSpawn });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

function expectSuccess(result: Run, what: string): void {
  expect(result.code, `${what} failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`).toBe(0);
}

describe.skipIf(!enabled)('the packed package, installed in an empty folder', () => {
  let folder = '';
  let app = '';
  let files: string[] = [];
  let install: Run | undefined;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'slowthink-pack-'));
    const pack = await run('npm', ['pack', '--json', '--pack-destination', folder], root);
    expectSuccess(pack, 'npm pack');
    // prepack's build prints before the JSON; the JSON is the last thing npm pack writes.
    const report = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('\n[') + 1)) as {
      filename: string;
      size: number;
      unpackedSize: number;
      files: { path: string }[];
    }[];
    const packed = report[0];
    if (!packed) throw new Error(`npm pack reported nothing: ${pack.stdout}`);
    files = packed.files.map((file) => file.path);
    app = join(folder, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'slowthink-user', private: true, type: 'module' }));
    install = await run('npm', ['install', join(folder, packed.filename), '--no-audit', '--no-fund', '--prefer-offline'], app);
    expectSuccess(install, 'npm install of the tarball');
    const size = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    console.log(
      `package: ${packed.filename} ${size(packed.size)} packed, ${size(packed.unpackedSize)} unpacked, ${files.length} files; ` +
        `pack ${pack.seconds.toFixed(0)} s, install ${install.seconds.toFixed(0)} s`,
    );
  }, 900_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('ships compiled code, declarations, the weights and their cards; no sources, tests, training data or reports', () => {
    for (const path of ['dist/index.js', 'dist/index.d.ts', 'dist/server/index.d.ts', 'dist/verify/index.d.ts', 'dist/cli/main.js'])
      expect(files).toContain(path);
    for (const path of [
      'bin/slowthink.js',
      'models/slowthink-mini.gguf',
      'models/slowthink.gguf',
      'models/slowthink-mini.md',
      'models/slowthink.md',
    ])
      expect(files).toContain(path);
    const unwanted = files.filter((path) =>
      /^(src|test|training|reports|docs|scripts|node_modules)\/|\.test\.|\/testing\/|(?<!\.d)\.ts$|\.tgz$|tsconfig/.test(path),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs without engine warnings, and its engines range fits every package the install brought', () => {
    expect(`${install?.stdout}${install?.stderr}`).not.toMatch(/EBADENGINE|Unsupported engine/);
    const own = JSON.parse(readFileSync(join(app, 'node_modules/slowthink/package.json'), 'utf8')) as Manifest;
    const range = own.engines?.node ?? '';
    expect(semver.satisfies(process.version, range)).toBe(true);
    const tree = productionTree(join(app, 'node_modules/slowthink'));
    const narrower = [...tree.values()]
      .filter((dependency) => dependency.engines?.node && !semver.subset(range, dependency.engines.node))
      .map((dependency) => `${dependency.name}@${dependency.version} wants ${dependency.engines?.node}`);
    expect(narrower).toEqual([]);
  });

  it('plain Node imports reason and streamReason and answers with the embedded model', async () => {
    const script = `
      import { reason, streamReason, safeReason } from 'slowthink';
      const result = await reason({ question: 'What is 48+37?', effort: 'low', seed: 1 });
      const kinds = new Set();
      for await (const event of streamReason({ question: 'What is 12+30?', effort: 'low', seed: 1 })) kinds.add(event.type);
      const safe = await safeReason({ question: 'What is 1+1?', strategy: 'no-such-strategy' });
      console.log(JSON.stringify({ answer: result.answer, model: result.model, tokens: result.usage.completionTokens,
        kinds: [...kinds], safe: safe.success ? 'success' : safe.error.code }));`;
    writeFileSync(join(app, 'use.mjs'), script);
    const result = await run(process.execPath, ['use.mjs'], app);
    expectSuccess(result, 'node use.mjs');
    const output = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    expect(output['answer']).toBe(String(48 + 37));
    expect(output['model']).toMatch(/^embedded:slowthink-mini/);
    expect(output['tokens']).toBeGreaterThan(0);
    expect(output['kinds']).toEqual(expect.arrayContaining(['sample-end', 'answer-end', 'finish']));
    expect(output['safe']).toMatch(/^ST_/);
  }, 120_000);

  it('its declarations type-check a consumer, and internals stay out of reach', async () => {
    const consumer = `
      import { type ReasonRequest, type ReasonResult, reason, streamReason } from 'slowthink';
      import { createApp } from 'slowthink/server';
      import { createVerifier, type VerifierName } from 'slowthink/verify';
      const request: ReasonRequest = { question: 'What is 48+37?', effort: 'low', budget: { maxTokens: 400 } };
      const result: ReasonResult = await reason(request);
      const answer: string | undefined = result.answer;
      // @ts-expect-error effort is a closed set: the declarations are real types, not any
      const wrong: ReasonRequest = { question: 'x', effort: 'huge' };
      const app = createApp({ engine: { streamReason } });
      const response: Response = await app.request('/v1/models');
      const name: VerifierName = 'task';
      console.log(answer, wrong, response.status, createVerifier(name));`;
    writeFileSync(join(app, 'consumer.ts'), consumer);
    const types = join(root, 'node_modules/@types');
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          typeRoots: [types],
        },
        files: ['consumer.ts'],
      }),
    );
    const check = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
    expectSuccess(check, 'tsc on a consumer of the package');
    const probe = `for (const path of ['slowthink/dist/engine/reason.js', 'slowthink/src/index.ts'])
      await import(path).then(() => console.log('reachable', path), (error) => console.log(error.code));`;
    writeFileSync(join(app, 'probe.mjs'), probe);
    const internals = await run(process.execPath, ['probe.mjs'], app);
    expect(internals.stdout.trim().split('\n')).toEqual(['ERR_PACKAGE_PATH_NOT_EXPORTED', 'ERR_PACKAGE_PATH_NOT_EXPORTED']);
  }, 120_000);

  it('npx slowthink ask answers from the installed package', async () => {
    const result = await run('npx', ['slowthink', 'ask', 'What is 48+37?', '--seed', '1', '--json'], app);
    expectSuccess(result, 'npx slowthink ask');
    const output = JSON.parse(result.stdout) as { answer?: string; model?: string; finish_reason?: string };
    expect(output.answer).toBe(String(48 + 37));
    expect(output.model).toMatch(/^embedded:slowthink-mini/);
  }, 120_000);

  it('npx slowthink serve answers a chat completion and stops on SIGTERM', async () => {
    let child: ChildProcess | undefined;
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve printed no address within 60 s')), 60_000);
      const started = run('npx', ['slowthink', 'serve', '--port', '0'], app, (spawned) => {
        child = spawned;
        // serve announces its address on stderr, beside its request log.
        spawned.stderr?.on('data', (chunk: Buffer) => {
          const address = /http:\/\/127\.0\.0\.1:\d+\/v1/.exec(String(chunk))?.[0];
          if (address) {
            clearTimeout(timer);
            resolve(address);
          }
        });
      });
      void started.then((result) => reject(new Error(`serve exited early (${result.code}): ${result.stderr}`)));
    });
    const exited = new Promise<void>((resolve) => child?.on('close', () => resolve()));
    try {
      const base = await url;
      const response = await fetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'slowthink-mini',
          reasoning_effort: 'low',
          seed: 1,
          messages: [{ role: 'user', content: 'What is 23 + 19?' }],
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        choices: { message: { content: string; reasoning_content: string } }[];
        usage: { completion_tokens: number };
      };
      expect(body.choices[0]?.message.content).toContain(String(23 + 19));
      expect(body.choices[0]?.message.reasoning_content.length).toBeGreaterThan(0);
      expect(body.usage.completion_tokens).toBeGreaterThan(0);
    } finally {
      if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
  }, 120_000);
});
