import { describe, expect, it } from 'vitest';
import { WAIT_CUE } from './format.js';
import { getTask, listTasks } from './index.js';
import { createRandom } from './random.js';
import { type CorrectionMode, solveTrace } from './solve-trace.js';
import { checkStep, parseStep } from './step-check.js';

const modes: CorrectionMode[] = ['none', 'immediate', 'late', 'confirm'];

describe('solve traces', () => {
  it('end in an answer the checker accepts, and every recognised line is right except fixed slips', () => {
    let slips = 0;
    for (const task of listTasks()) {
      for (const problem of task.generate({ seed: 8, count: 120 })) {
        for (const mode of modes) {
          const trace = solveTrace(problem, mode, createRandom(problem.question.length * 31 + modes.indexOf(mode)))!;
          expect(getTask(problem.task).check(problem.question, trace.answer), problem.question).toBe(true);
          trace.lines.forEach((line, index) => {
            if (checkStep(line) !== false) return;
            // A wrong line is only ever the deliberate slip, and the trace later declares it wrong and writes the fix.
            expect(trace.mistakes).toContain(index);
            // A line that is no equation (a tracing state) is declared wrong as written.
            const equation = parseStep(line)?.equation ?? line;
            const verdictIndex = trace.lines.findIndex((other, later) => later > index && other === `${equation} wrong`);
            expect(verdictIndex, line).toBeGreaterThan(index);
            expect(trace.lines.slice(index + 1, verdictIndex)).toContain(WAIT_CUE);
            // The fix: the next equation (after any column-work header) is right.
            const fix = trace.lines.slice(verdictIndex + 1).find((later) => checkStep(later) !== undefined)!;
            expect(checkStep(fix), fix).toBe(true);
            slips++;
          });
        }
      }
    }
    expect(slips).toBeGreaterThan(100);
  });

  it('writes the three self-correction shapes', () => {
    const problem = { task: 'arithmetic', question: 'What is 347*58?' };
    const equations = (lines: string[]) => lines.filter((line) => /^[\d+\-*]+=-?\d+$/.test(line));
    const plain = solveTrace(problem, 'none', createRandom(1))!.lines;
    expect(equations(plain)).toEqual(['347*8=2776', '347*50=17350', '2776+17350=20126']);
    expect(plain.slice(0, 6)).toEqual(['347*58=347*8+347*50', '347*8:', '7*8=56 >6', '4*8+5=37 >76', '3*8+3=27 >2776', '347*8=2776']);
    const confirm = solveTrace(problem, 'confirm', createRandom(1))!;
    expect(confirm.lines.slice(plain.length)).toEqual([WAIT_CUE, '347*8=2776 right', '347*50=17350 right', '2776+17350=20126 right']);
    const immediate = solveTrace(problem, 'immediate', createRandom(2))!;
    const slip = immediate.mistakes[0]!;
    expect(immediate.lines[slip + 1]).toBe(WAIT_CUE);
    expect(immediate.lines[slip + 2]).toBe(`${immediate.lines[slip]} wrong`);
    const late = solveTrace(problem, 'late', createRandom(3))!;
    expect(late.lines.filter((line) => line === WAIT_CUE)).toHaveLength(1);
    expect(late.answer).toBe('20126');
  });
});
