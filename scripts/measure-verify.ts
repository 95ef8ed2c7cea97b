/** @module Measures equivalence and sandbox latency (medians): `npx tsx scripts/measure-verify.ts`. */
import { upperMedian } from '../src/bench/statistics/statistics.js';
import { answersEquivalent } from '../src/verify/answers-equivalent.js';
import { createCodeVerifier } from '../src/verify/code-verifier.js';
import { sandboxAvailability } from '../src/verify/sandbox.js';

/** The upper median (the published figures were taken with it); NaN when nothing was timed. */
const median = (values: readonly number[]): number => upperMedian(values) ?? Number.NaN;

function time(run: () => unknown, repeats: number): number {
  const times: number[] = [];
  for (let index = 0; index < repeats; index += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const first = performance.now();
answersEquivalent('2\\sqrt{2}', 'sqrt(8)');
console.log(`first CAS call (loads compute-engine + mathjs): ${(performance.now() - first).toFixed(0)} ms`);
let counter = 0;
console.log(`integers: ${(time(() => answersEquivalent(String(counter++), '12345'), 20000) * 1000).toFixed(2)} µs`);
console.log(`decimals/fractions: ${(time(() => answersEquivalent(`0.${counter++}`, '\\frac{1}{2}'), 20000) * 1000).toFixed(2)} µs`);
console.log(`CAS, uncached: ${time(() => answersEquivalent(`${counter++}\\sqrt{2}`, '\\sqrt{8}'), 200).toFixed(2)} ms`);
console.log(`CAS, cached: ${(time(() => answersEquivalent('2\\sqrt{2}', '\\sqrt{8}'), 2000) * 1000).toFixed(2)} µs`);
if (sandboxAvailability() === true) {
  const verifier = createCodeVerifier();
  const problem = { question: 'add', messages: [], reference: 'assert add(1, 2) == 3\nassert add(0, 0) == 0' };
  const times: number[] = [];
  for (let index = 0; index < 15; index += 1) {
    const start = performance.now();
    await verifier.score(problem, { text: '```python\ndef add(a, b):\n    return a + b\n```' });
    times.push(performance.now() - start);
  }
  console.log(`sandboxed code verification (2 asserts): ${median(times).toFixed(0)} ms`);
}
