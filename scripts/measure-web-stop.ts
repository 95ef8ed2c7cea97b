/**
 * @module `npx tsx scripts/measure-web-stop.ts [runs]`: how long after a playground client closes its stream
 * (`POST /v1/slowthink/runs`, what Stop does) the server has stopped the engine run and freed its slot, on the real
 * server and embedded model: median and max over runs of the ms from the abort to `/health` showing no active run.
 */
import { upperMedian } from '../src/bench/statistics/statistics.js';
import { closeModels } from '../src/models/registry.js';
import { startServer } from '../src/server/index.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npx tsx scripts/measure-web-stop.ts [RUNS=10]
Ms from a playground client's abort to the server freeing the run's slot (median, max).`;
const { positionals } = parseBenchArgs(USAGE, { allowPositionals: true, options: {} });
const runs = numberFlag(USAGE, 'runs', positionals[0] ?? '10', 1);
const server = await startServer({ port: 0, logSink: () => {} });
const active = async () => ((await (await fetch(`${server.url}/health`)).json()) as { active_runs: number }).active_runs;
const waits: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/slowthink/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'slowthink-mini',
        question: 'What is 987*654?',
        slowthink: { strategy: 'self-consistency', options: { n: 64 } },
      }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    let text = '';
    // Abort once the first sample has started drawing, as a user who presses Stop mid-thought.
    while (!text.includes('"thought-delta"')) text += new TextDecoder().decode((await reader?.read())?.value);
    const stopped = performance.now();
    controller.abort();
    while ((await active()) > 0) await new Promise((resolve) => setTimeout(resolve, 2));
    waits.push(performance.now() - stopped);
  }
} finally {
  await server.close();
  await closeModels();
}
const median = upperMedian(waits) ?? 0;
console.log(`stop → slot free: median ${median.toFixed(1)} ms, max ${Math.max(0, ...waits).toFixed(1)} ms over ${waits.length} runs`);
