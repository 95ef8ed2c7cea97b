/** @module The physics checkers over the evaluation problems (accepted forms, rejected errors, caught lines, routing). Run: `npx tsx scripts/measure-physics.ts [--count 1000]` */
import type { ProblemSplit } from '../src/spec/task.js';
import { formatSolve } from '../src/tasks/format.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { corruptResult } from '../src/tasks/mistakes.js';
import { physicsTask } from '../src/tasks/physics.js';
import { parsePhysicsQuestion } from '../src/tasks/physics-question.js';
import { physicsSolveTrace } from '../src/tasks/physics-trace.js';
import { formatNumber, fromSi, sameDimension, UNITS } from '../src/tasks/physics-units.js';
import { createRandom } from '../src/tasks/random.js';
import { getTask } from '../src/tasks/registry.js';
import { checkStep, parseStep } from '../src/tasks/step-check.js';
import { numberFlag, parseBenchArgs } from './bench-args.js';

const USAGE = `Usage: npx tsx scripts/measure-physics.ts [--count 1000]
The physics checkers over the evaluation problems: accepted forms, rejected errors, caught lines, routing.`;
const { values } = parseBenchArgs(USAGE, { options: { count: { type: 'string', default: '1000' } } });
const count = numberFlag(USAGE, 'count', values.count, 1);

/** A running rate: how many of how many. */
class Rate {
  hits = 0;
  total = 0;
  add(hit: boolean): void {
    this.total++;
    if (hit) this.hits++;
  }
  toString(): string {
    return `${this.hits}/${this.total}`;
  }
}

const rates = {
  referenceAccepted: new Rate(),
  bareAccepted: new Rate(),
  otherUnitAccepted: new Rate(),
  onePercentRejected: new Rate(),
  wrongDimensionRejected: new Rate(),
  declineRightOnlyWhenUnanswerable: new Rate(),
  rightLinesNotFlagged: new Rate(),
  slipsCaught: new Rate(),
  formulaSwapsCaught: new Rate(),
  unitSwapsCaught: new Rate(),
  ratioErrorsCaught: new Rate(),
};
const random = createRandom(1);

function measureProblem(question: string, answer: string | undefined): void {
  const parsed = parsePhysicsQuestion(question);
  if (!parsed) throw new Error(`unreadable: ${question}`);
  rates.declineRightOnlyWhenUnanswerable.add(physicsTask.check(question, 'cannot be determined') === (answer === undefined));
  if (answer !== undefined) {
    rates.referenceAccepted.add(physicsTask.check(question, answer));
    rates.bareAccepted.add(physicsTask.check(question, answer.split(' ')[0] as string));
    for (const unit of UNITS) {
      const value = fromSi(parsed.si, unit);
      if (!sameDimension(unit.dimension, parsed.ask.dimension)) {
        rates.wrongDimensionRejected.add(!physicsTask.check(question, `${formatNumber(value)} ${unit.symbol}`));
        continue;
      }
      rates.otherUnitAccepted.add(physicsTask.check(question, `${String(value)} ${unit.symbol}`));
      for (const factor of [1.01, 0.99]) {
        rates.onePercentRejected.add(!physicsTask.check(question, `${formatNumber(value * factor)} ${unit.symbol}`));
      }
    }
  }
  const trace = physicsSolveTrace(question, 'none', random);
  for (const line of trace?.lines ?? []) {
    const verdict = checkStep(line);
    if (verdict !== undefined) rates.rightLinesNotFlagged.add(verdict);
    const step = parseStep(line);
    if (step && !/ >/.test(line))
      rates.slipsCaught.add(checkStep(`${step.left}=${corruptResult(step.left, step.right, random)}`) === false);
    if (/^\w+ = [^\d]*[*/]/.test(line)) {
      const swapped = line.replace(/[*/]/, (operator) => (operator === '*' ? '/' : '*'));
      rates.formulaSwapsCaught.add(checkStep(swapped) === false);
    }
    const result = /^(\w+) = [\d.]+ (\S+)$/.exec(line);
    if (result) {
      const wrong = UNITS.find((unit) => !sameDimension(unit.dimension, (UNITS.find((u) => u.symbol === result[2]) ?? unit).dimension));
      rates.unitSwapsCaught.add(checkStep(line.replace(/ \S+$/, ` ${wrong?.symbol}`)) === false);
    }
    if (/^1 \S+ = \d/.test(line))
      rates.ratioErrorsCaught.add(checkStep(line.replace(/= (\d+)/, (_, n: string) => `= ${Number(n) + 1}`)) === false);
  }
}

console.log(`physics, seed ${EVAL_SEED}, ${count} problems per level and split`);
console.log('level split             problems/s  unanswerable  mean chars  max chars');
for (const split of ['train', 'held-out-shapes'] as ProblemSplit[]) {
  for (const level of physicsTask.levels) {
    const started = performance.now();
    const problems = physicsTask.generate({ seed: EVAL_SEED, count, level, split });
    const perSecond = Math.round(count / ((performance.now() - started) / 1000));
    let chars = 0;
    let longest = 0;
    for (const problem of problems) {
      const trace = physicsSolveTrace(problem.question, 'none', createRandom(0));
      const { prompt, completion } = formatSolve(problem.question, trace?.lines ?? [], trace?.answer ?? '');
      chars += prompt.length + completion.length;
      longest = Math.max(longest, prompt.length + completion.length);
      measureProblem(problem.question, problem.answer);
    }
    const unanswerable = problems.filter((problem) => problem.unanswerable).length;
    console.log(
      `${level}     ${split.padEnd(16)}  ${String(perSecond).padStart(10)}  ${String(unanswerable).padStart(12)}  ${(chars / count).toFixed(0).padStart(10)}  ${String(longest).padStart(9)}`,
    );
  }
}
for (const [name, rate] of Object.entries(rates)) console.log(`${name.padEnd(34)} ${rate}`);
const stolen = new Rate();
for (const name of ['arithmetic', 'countdown', 'program-trace']) {
  for (const problem of getTask(name).generate({ seed: EVAL_SEED, count: 200 })) stolen.add(physicsTask.matches(problem.question));
}
console.log(`${'other tasks questions read as physics'.padEnd(34)} ${stolen}`);
