/**
 * @module The forgery table: scores every forgery attempt (and two honest controls) with the code verifier, or with the
 * verifier of an older commit: `npx tsx scripts/measure-forgery.ts [--rev <commit>]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { upperMedian } from '../src/bench/statistics/statistics.js';
import type { Verifier } from '../src/spec/verifier.js';
import { ADD_TESTS, FORGERY_ATTEMPTS } from '../src/verify/forgery-attempts.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'verify'); // the verifier's own folder
const owned = ['code-verifier', 'python-harness', 'sandbox'];

/** Copies a commit's verifier files to a temporary folder, pointing their other imports at this checkout. */
async function verifierAt(revision: string): Promise<{ create: (options: { timeoutMs: number }) => Verifier; cleanup: () => void }> {
  const folder = mkdtempSync(join(tmpdir(), 'slowthink-forgery-'));
  for (const name of owned) {
    const source = execFileSync('git', ['show', `${revision}:src/verify/${name}.ts`], { cwd: here, encoding: 'utf8' });
    const rewritten = source.replace(/from '(\.\.?\/[^']+)\.js'/g, (whole, path: string) =>
      owned.some((file) => path === `./${file}`) ? whole : `from '${pathToFileURL(resolve(here, `${path}.ts`)).href}'`,
    );
    writeFileSync(join(folder, `${name}.ts`), rewritten);
  }
  const module = (await import(pathToFileURL(join(folder, 'code-verifier.ts')).href)) as {
    createCodeVerifier: (options: { timeoutMs: number }) => Verifier;
  };
  return { create: module.createCodeVerifier, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

const USAGE = `Usage: npx tsx scripts/measure-forgery.ts [--rev COMMIT] [--timeout 1500] [--latency]
Scores every forgery attempt and two honest controls with the code verifier (of COMMIT, or the working tree).`;
const { values } = parseBenchArgs(USAGE, {
  options: { rev: { type: 'string' }, timeout: { type: 'string', default: '1500' }, latency: { type: 'boolean', default: false } },
});
const timeoutMs = numberFlag(USAGE, 'timeout', values.timeout, 1);
const { create, cleanup } = values.rev
  ? await verifierAt(values.rev)
  : { create: (await import('../src/verify/code-verifier.js')).createCodeVerifier, cleanup: () => {} };
const verifier = create({ timeoutMs });
const rows = [
  {
    name: 'honest-correct',
    tries: 'control: a right solution',
    code: 'def add(a, b):\n    return a + b',
    tests: ADD_TESTS,
    honestPasses: 3,
  },
  {
    name: 'honest-partial',
    tries: 'control: right unless a == b',
    code: 'def add(a, b):\n    return a + b if a != b else 0',
    tests: ADD_TESTS,
    honestPasses: 2,
  },
  ...FORGERY_ATTEMPTS,
];
console.log(`| attempt | what it tries | honest | scored (${values.rev ?? 'working tree'}) | ms |`);
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const started = performance.now();
  const score = await verifier.score(
    { question: 'Write it.', messages: [], reference: row.tests },
    { text: `\`\`\`python\n${row.code}\n\`\`\`` },
  );
  const total = row.tests.split('\n').length;
  const passed = Math.round(score.value * total);
  const flag = passed > row.honestPasses ? ' FORGED' : '';
  console.log(
    `| ${row.name} | ${row.tries} | ${row.honestPasses}/${total} | ${passed}/${total}${flag} | ${(performance.now() - started).toFixed(0)} |`,
  );
}
if (values.latency) {
  const timed = async (tests: string, repeats: number) => {
    const times: number[] = [];
    for (let index = 0; index < repeats; index += 1) {
      const started = performance.now();
      const score = await verifier.score(
        { question: 'add', messages: [], reference: tests },
        { text: '```python\ndef add(a, b):\n    return a + b\n```' },
      );
      if (score.value !== 1) throw new Error(`an honest solution scored ${score.value}: ${score.evidence}`);
      times.push(performance.now() - started);
    }
    return (upperMedian(times) ?? Number.NaN).toFixed(0);
  };
  console.log(
    `\nmedian ms, honest add: 3 asserts ${await timed(ADD_TESTS, 15)}; one assert over 2,000 calls ${await timed('assert all(add(i, i) == 2 * i for i in range(2000))', 5)}`,
  );
}
cleanup();
