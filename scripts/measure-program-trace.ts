/**
 * @module Cost of program tracing's sandboxed truth: problems generated per second by level (the evaluation set's
 * 1000 per level), checks of user programs (a fork each) per second, and the sandbox's start.
 * Run: `npx tsx scripts/measure-program-trace.ts`
 */
import { programQuestion, programTraceTask } from '../src/tasks/program-trace.js';

const seconds = (started: number): number => (performance.now() - started) / 1000;

let started = performance.now();
programTraceTask.generate({ seed: 5, count: 1, level: 1 });
console.log(`sandbox start and first problem: ${(seconds(started) * 1000).toFixed(0)} ms`);
for (const level of programTraceTask.levels) {
  started = performance.now();
  programTraceTask.generate({ seed: 1_000_001, count: 1000, level });
  const elapsed = seconds(started);
  console.log(`level ${level}: 1000 problems in ${elapsed.toFixed(2)} s = ${Math.round(1000 / elapsed)} problems/s`);
}
// Each check sees a program the cache has not: a user's question runs in a fork of its own.
const programs = Array.from({ length: 300 }, (_, index) => `s = ${index}\nfor i in range(4):\n  s += i * ${index % 7}\nprint(s)`);
started = performance.now();
for (const program of programs) programTraceTask.check(programQuestion(program), '0');
const elapsed = seconds(started);
console.log(`check of 300 new programs one at a time: ${((elapsed / 300) * 1000).toFixed(1)} ms each = ${Math.round(300 / elapsed)}/s`);
