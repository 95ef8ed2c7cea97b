import { describe, expect, it } from 'vitest';
import { checkScratchpadLine } from '../verify/create-verifier.js';
import { corruptResult } from './mistakes.js';
import { physicsTask } from './physics.js';
import { checkPhysicsStep } from './physics-step-check.js';
import { physicsSolveTrace } from './physics-trace.js';
import { createRandom } from './random.js';
import { rewardCompletion } from './reward.js';
import { checkStep, parseStep } from './step-check.js';

const traces = physicsTask.levels.flatMap((level) =>
  physicsTask.generate({ seed: 31, count: 60, level }).map((problem) => {
    const trace = physicsSolveTrace(problem.question, 'none', createRandom(0));
    if (!trace) throw new Error(`no trace for ${problem.question}`);
    return { problem, trace };
  }),
);

describe('physics step checker', () => {
  it('a formula must have the dimension of what it defines', () => {
    for (const line of ['v = d/t', 'a = (v-u)/t', 'F = m*a', 'KE = m*v^2/2', 'PE = m*g*h', 'P = W/t', 'I = V/R', 'rho = m/V']) {
      expect(checkPhysicsStep(line), line).toBe(true);
    }
    for (const line of ['v = d*t', 'a = (v-u)*t', 'F = m/a', 'KE = m*v/2', 'PE = m*g', 'P = W*t', 'I = V*R', 'a = (v-t)/t']) {
      expect(checkPhysicsStep(line), line).toBe(false);
    }
  });

  it('a substitution or result must carry units of the right dimension', () => {
    expect(checkPhysicsStep('F = 6 kg * 3 m/s^2')).toBe(true);
    expect(checkPhysicsStep('F = 6 kg * 3 m/s')).toBe(false);
    expect(checkPhysicsStep('KE = 8 kg * (5 m/s)^2 / 2')).toBe(true);
    expect(checkPhysicsStep('KE = 8 kg * (5 m/s) / 2')).toBe(false);
    expect(checkPhysicsStep('a = (15 m/s - 3 s) / 4 s')).toBe(false);
    expect(checkPhysicsStep('v = 27 m/s')).toBe(true);
    expect(checkPhysicsStep('v = 27 m')).toBe(false);
  });

  it('a conversion line must state the exact ratio', () => {
    expect(checkPhysicsStep('1 m/s = 18/5 km/h')).toBe(true);
    expect(checkPhysicsStep('1 km/h = 5/18 m/s')).toBe(true);
    expect(checkPhysicsStep('1 m/s = 5/18 km/h')).toBe(false);
    expect(checkPhysicsStep('1 kJ = 1000 J')).toBe(true);
    expect(checkPhysicsStep('1 kJ = 100 J')).toBe(false);
    expect(checkPhysicsStep('1 kJ = 1000 m')).toBe(false);
  });

  it('long-division work lines (the arithmetic task writes them in physics traces) are checked, not misread as equations', () => {
    expect(checkScratchpadLine('27/11=2 r5 >2')).toBe(true);
    expect(checkScratchpadLine('100/7=14 r2')).toBe(true);
    expect(checkScratchpadLine('27/11=2 r6 >2')).toBe(false);
    expect(checkScratchpadLine('27/11=1 r16 >1')).toBe(false);
  });

  it('leaves other tasks lines alone', () => {
    for (const line of ['i=2 s=3+2=5', 't = t + 1', 'x = 5', 'a = 3', 'print 5', '2%2==0 yes', 'What is 3?']) {
      expect(checkPhysicsStep(line), line).toBeUndefined();
    }
  });

  it('every line of every generated trace is right or not a step (checkStep and the steps verifier agree)', () => {
    let physicsLines = 0;
    for (const { trace } of traces) {
      for (const line of trace.lines) {
        expect(checkStep(line), line).not.toBe(false);
        expect(checkScratchpadLine(line), line).not.toBe(false);
        if (checkPhysicsStep(line) !== undefined) physicsLines++;
      }
    }
    expect(physicsLines).toBeGreaterThan(traces.length * 3);
  });

  it('a slipped result, a swapped unit or a wrong ratio in a trace is caught', () => {
    const random = createRandom(7);
    for (const { trace } of traces) {
      const equation = trace.lines.find((line) => parseStep(line) !== undefined && !/ >/.test(line));
      if (equation) {
        const step = parseStep(equation);
        if (step) expect(checkStep(`${step.left}=${corruptResult(step.left, step.right, random)}`)).toBe(false);
      }
      const result = trace.lines.at(-1) as string;
      expect(checkStep(result.replace(/ (\S+)$/, ' s^2'))).not.toBe(true);
    }
    const ratio = traces.flatMap(({ trace }) => trace.lines).find((line) => line.startsWith('1 ')) as string;
    expect(checkStep(ratio.replace(/= (\d+)/, (_, value: string) => `= ${Number(value) + 1}`))).toBe(false);
  });

  it('process rewards count the physics lines of a completion and find a wrong one', () => {
    const { problem, trace } = traces.find(({ problem }) => problem.level === 3) as (typeof traces)[number];
    const completion = `<think>\n${trace.lines.join('\n')}\n</think>\nA: ${trace.answer}`;
    const right = rewardCompletion(problem.question, completion);
    expect(right).toMatchObject({ correct: true, reward: 1, wrongSteps: 0 });
    const wrongFormula = completion.replace(/^(\w+) = (\w+)\*(\w+)$/m, '$1 = $2/$3');
    expect(wrongFormula).not.toBe(completion);
    expect(rewardCompletion(problem.question, wrongFormula).wrongSteps).toBe(1);
  });
});
