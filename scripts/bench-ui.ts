/**
 * @module `npm run bench:ui -- [--runs 5] [--sizes 100,250,500,1000]`: how long the web app takes to lay out (d3-hierarchy)
 * and draw (React Flow) a tree of N thoughts in Debian's chromium, as the median (min–max) over runs. Not a timed test.
 */
import { median } from '../src/bench/statistics/statistics.js';
import { startServer } from '../src/server/index.js';
import { ensureWebBuild, launchBrowser } from '../test/browser/harness.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npm run bench:ui -- [--runs 5] [--sizes 100,250,500,1000]
Milliseconds from the tree component's mount to every node drawn, and from navigation start, in chromium (1400x900).`;
const { values } = parseBenchArgs(USAGE, {
  options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '100,250,500,1000' } },
});
const runs = numberFlag(USAGE, 'runs', values.runs, 1);
const sizes = String(values.sizes)
  .split(',')
  .map((size) => numberFlag(USAGE, 'sizes', size.trim(), 1));

ensureWebBuild();
const server = await startServer({ port: 0, logSink: () => {} });
const browser = await launchBrowser();
const range = (numbers: number[]) =>
  `${median(numbers).toFixed(0)} (${Math.min(...numbers).toFixed(0)}–${Math.max(...numbers).toFixed(0)})`;
const rows: string[] = [];
try {
  for (const size of sizes) {
    const render: number[] = [];
    const total: number[] = [];
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${server.url}/#bench?nodes=${size}`);
      const result = await page.waitForFunction(() => (window as { slowthinkBench?: unknown }).slowthinkBench, undefined, {
        timeout: 60_000,
      });
      const value = (await result.jsonValue()) as { layoutAndRenderMs: number; sinceNavigationMs: number; domNodes: number };
      if (value.domNodes < size + 1) throw new Error(`drew ${value.domNodes} of ${size + 1} nodes`);
      render.push(value.layoutAndRenderMs);
      total.push(value.sinceNavigationMs);
      await page.close();
    }
    rows.push(`| ${size} | ${range(render)} | ${range(total)} |`);
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`chromium ${browser.version()}, ${runs} runs per size, median (min–max) ms\n`);
console.log('| thoughts | mount → all drawn | navigation → all drawn |\n| ---: | ---: | ---: |');
for (const row of rows) console.log(row);
