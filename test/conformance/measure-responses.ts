/**
 * @module Measures the Responses stream on the real server and embedded model: when the first reasoning summary delta
 * and the first output text delta arrive, per effort (median of 5). Run: `npx tsx test/conformance/measure-responses.ts`.
 */
import OpenAI from 'openai';
import { MODEL, startConformanceServer } from './harness.js';

const RUNS = 5;
const server = await startConformanceServer();
const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'unused' });
// The first request loads the model; it is not counted.
await client.responses.create({ model: MODEL, input: 'What is 1 + 1?', reasoning: { effort: 'low' } });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
for (const effort of ['low', 'medium'] as const) {
  const summary: number[] = [];
  const text: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    let firstSummary = Number.NaN;
    let firstText = Number.NaN;
    const stream = client.responses.stream({ model: MODEL, input: `What is ${23 + run} + ${19 * run}?`, reasoning: { effort } });
    for await (const event of stream) {
      const at = performance.now() - started;
      if (event.type === 'response.reasoning_summary_text.delta' && Number.isNaN(firstSummary)) firstSummary = at;
      if (event.type === 'response.output_text.delta' && Number.isNaN(firstText)) firstText = at;
    }
    summary.push(firstSummary);
    text.push(firstText);
    total.push(performance.now() - started);
  }
  console.log(
    `effort ${effort}: median first summary delta ${median(summary).toFixed(0)} ms, first text delta ${median(text).toFixed(0)} ms, whole response ${median(total).toFixed(0)} ms (${RUNS} runs)`,
  );
}
await server.close();
