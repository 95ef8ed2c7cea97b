import { describe, expect, it } from 'vitest';
import { WAIT_CUE } from './format.js';
import { corruptNumber } from './mistakes.js';
import { programQuestion, programTrace, programTraceSolveTrace, programTraceTask } from './program-trace.js';
import { checkProgramTraceLine, checkProgramTraceSteps } from './program-trace-step.js';
import { createRandom } from './random.js';
import { checkStep } from './step-check.js';

describe('program-trace step checkers', () => {
  it('checks a line on its own: computations and comparisons by Python, nothing for lines that compute nothing', () => {
    expect(checkProgramTraceLine('t=5-(1*2)=3 i=1')).toBe(true);
    expect(checkProgramTraceLine('t=5-(1*2)=4 i=1')).toBe(false);
    expect(checkProgramTraceLine('n=25//2=12 s=3')).toBe(true);
    expect(checkProgramTraceLine('n=(-7)%3=2')).toBe(true);
    expect(checkProgramTraceLine('n=(-7)//2=-3')).toBe(false);
    expect(checkProgramTraceLine('n=5//0=1')).toBe(false);
    expect(checkProgramTraceLine('3%2==1 yes')).toBe(true);
    expect(checkProgramTraceLine('3%2==1 no')).toBe(false);
    expect(checkProgramTraceLine('9<(-1) no')).toBe(true);
    for (const line of ['i=2', 's=3 a=[1,2]', 'print 5', 'Wait, let me check.', 'A: 5', '2**99=3', 'v=12 m/s']) {
      expect(checkProgramTraceLine(line), line).toBeUndefined();
    }
    // The exact process checker the engine's `steps` verifier uses reaches it.
    expect(checkStep('s=3+2=5 i=2')).toBe(true);
    expect(checkStep('s=3+2=6 i=2')).toBe(false);
  });

  it('accepts every line of real traces and rejects them with a slipped value', () => {
    const random = createRandom(1);
    let slipped = 0;
    for (const problem of programTraceTask.generate({ seed: 11, count: 12, level: 3 })) {
      for (const line of programTrace(problem.question)?.lines ?? []) {
        expect(checkProgramTraceLine(line), line).not.toBe(false);
        const tokens = line.split(' ');
        const index = tokens.findIndex((token) => /^\w+=.*[-+*%/].*=-?\d+$/.test(token));
        const token = tokens[index];
        if (token === undefined) continue;
        const cut = token.lastIndexOf('=');
        tokens[index] = `${token.slice(0, cut + 1)}${corruptNumber(Number(token.slice(cut + 1)), random)}`;
        expect(checkProgramTraceLine(tokens.join(' ')), tokens.join(' ')).toBe(false);
        slipped++;
      }
    }
    expect(slipped).toBeGreaterThan(10);
  });

  it('checks a scratchpad against the real trace, skipping self-checks', () => {
    const question = programQuestion('s = 1\nfor i in range(2):\n  s = s * 2 + i\nprint(s)');
    const reference = programTrace(question)?.lines ?? [];
    expect(reference).toEqual(['s=1', 's=1 i=0', 's=1*2+0=2 i=0', 's=2 i=1', 's=2*2+1=5 i=1', 'print 5']);
    expect(checkProgramTraceSteps(question, reference)).toEqual(reference.map(() => true));
    const slipped = ['s=1', 's=1 i=0', 's=1*2+0=3 i=0', 'Wait, let me check.', 's=1*2+0=3 wrong', 's=1*2+0=2 i=0', 's=2 i=1'];
    expect(checkProgramTraceSteps(question, slipped)).toEqual([true, true, false, undefined, undefined, true, true]);
    expect(checkProgramTraceSteps(programQuestion('print(1 // 0)'), ['print 1'])).toEqual([undefined]);
  });

  it('writes self-corrections whose slip is wrong, whose `wrong` line is right, and that end on the real trace', () => {
    const random = createRandom(4);
    let corrected = 0;
    for (const problem of programTraceTask.generate({ seed: 12, count: 15 })) {
      const reference = programTrace(problem.question)?.lines ?? [];
      const trace = programTraceSolveTrace(problem.question, 'immediate', random);
      if (trace?.mode !== 'immediate') continue;
      corrected++;
      const slip = trace.mistakes[0] as number;
      expect(trace.lines.slice(slip + 1, slip + 3)).toEqual([WAIT_CUE, `${trace.lines[slip]} wrong`]);
      expect(checkProgramTraceLine(trace.lines[slip] as string)).toBe(false);
      expect(checkProgramTraceLine(`${trace.lines[slip]} wrong`)).toBe(true);
      expect([...trace.lines.slice(0, slip), ...trace.lines.slice(slip + 3)]).toEqual(reference);
      const verdicts = checkProgramTraceSteps(problem.question, trace.lines);
      expect(verdicts.filter((verdict) => verdict === false)).toHaveLength(1);
      expect(verdicts[slip]).toBe(false);
    }
    expect(corrected).toBeGreaterThan(10);
  });
});
