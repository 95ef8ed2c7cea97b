import { describe, expect, it } from 'vitest';
import { classifyChainFailure, classifyCountdownFailure, standingLines } from './chain-failure.js';
import { getTask } from './index.js';
import { createRandom } from './random.js';
import { solveTrace } from './solve-trace.js';

const arithmetic = (question: string) => ({ task: 'arithmetic' as const, question });
const referenceLines = (question: string, task: 'arithmetic' | 'physics' = 'arithmetic') =>
  solveTrace({ task, question }, 'none', createRandom(0))?.lines ?? [];

describe('classifyChainFailure on arithmetic', () => {
  it('accepts every line of the correct trace, in distribution and on held-out shapes, and slips that were retracted', () => {
    const task = getTask('arithmetic');
    for (const split of ['train', 'held-out-shapes'] as const)
      for (const level of [2, 3, 4, 5]) {
        for (const problem of task.generate({ seed: 1_000_001, count: 15, level, split })) {
          for (const mode of ['none', 'immediate', 'late'] as const) {
            const trace = solveTrace(problem, mode, createRandom(level));
            if (!trace) continue;
            // Every line on the reference: only the answer can be at fault.
            expect(classifyChainFailure(arithmetic(problem.question), trace.lines.join('\n'), '1')).toMatchObject({
              kind: 'copy',
              detail: 'answer',
            });
          }
        }
      }
  });

  it('a held-out n*(n±n) worked as the trained (n±n)*n habit would, factor first, is a plan fault', () => {
    const failure = classifyChainFailure(arithmetic('What is 61*(2+7)?'), '61*2=122\n122+7=129', '129');
    expect(failure).toMatchObject({ kind: 'plan', detail: 'order', line: '61*2=122' });
  });

  it('the right numbers under another operator (a sign dropped) are a copy, not a plan fault', () => {
    expect(classifyChainFailure(arithmetic('What is 59 + -63?'), '59+63:\n9+3=12 >2\n5+6+1=12 >122\n59+63=122', '122')).toMatchObject({
      kind: 'copy',
      detail: 'operator',
    });
  });

  it('a wrong digit fact in column work is a digit fault; a right column and a miswritten result is a copy', () => {
    const lines = referenceLines('What is 347+285?');
    expect(lines).toContain('4+8+1=13 >32');
    const slipped = lines.map((line) => (line === '4+8+1=13 >32' ? '4+8+1=14 >42' : line));
    expect(classifyChainFailure(arithmetic('What is 347+285?'), slipped.join('\n'), '642')).toMatchObject({ kind: 'digit' });
    const miswritten = lines.map((line) => (line === '347+285=632' ? '347+285=623' : line));
    expect(classifyChainFailure(arithmetic('What is 347+285?'), miswritten.join('\n'), '623')).toMatchObject({
      kind: 'copy',
      detail: 'result',
    });
  });

  it('an operand seen nowhere before is a copy; a product split into parts that do not add up is a decomposition', () => {
    const question = 'What is 347*58+12?';
    const lines = referenceLines(question);
    expect(lines[0]).toBe('347*58=347*8+347*50');
    expect(classifyChainFailure(arithmetic(question), ['347*58=347*8+347*5', ...lines.slice(1)].join('\n'), '1')).toMatchObject({
      kind: 'plan',
      detail: 'decomposition',
    });
    const copied = lines.map((line) => (line.startsWith('20126+12') ? line.replace('20126', '20162') : line));
    expect(classifyChainFailure(arithmetic(question), copied.join('\n'), '20174')).toMatchObject({ kind: 'copy', detail: 'operand' });
  });

  it('a chain cut short is an early stop, a run out of context or no answer is format, a wrong last line alone is an answer copy', () => {
    const question = 'What is 12+7*3-4?';
    const lines = referenceLines(question);
    const cut = lines.slice(0, lines.indexOf('12+21=33') + 1).join('\n');
    expect(classifyChainFailure(arithmetic(question), cut, '33')).toMatchObject({ kind: 'early-stop' });
    expect(classifyChainFailure(arithmetic(question), cut, '', true)).toMatchObject({ kind: 'format', detail: 'context' });
    expect(classifyChainFailure(arithmetic(question), cut, '')).toMatchObject({ kind: 'format', detail: 'no-answer' });
    expect(classifyChainFailure(arithmetic(question), lines.join('\n'), '30')).toMatchObject({ kind: 'copy', detail: 'answer' });
  });

  it('drops the cue, re-check verdicts, every line the chain later calls wrong and what it computed from it', () => {
    expect(standingLines('6*97=582\n582-53=530\nWait, let me check.\n6*97=582 right\n582-53=530 wrong\n582-53=529')).toEqual([
      '6*97=582',
      '582-53=529',
    ]);
    expect(standingLines('2+26=29\n29*31=899\nWait, let me check.\n2+26=29 wrong\n2+26=28\n28*31=868')).toEqual(['2+26=28', '28*31=868']);
  });
});

describe('classifyChainFailure on physics', () => {
  const physics = (question: string) => ({ task: 'physics' as const, question });
  const problem = getTask('physics').generate({ seed: 1_000_001, count: 1, level: 1 })[0];

  it('the correct trace is on the reference; a formula the trace never writes is a plan fault, a given copied wrong a copy', () => {
    if (!problem) throw new Error('no physics problem');
    const lines = referenceLines(problem.question, 'physics');
    expect(lines.length).toBeGreaterThan(2);
    expect(classifyChainFailure(physics(problem.question), lines.join('\n'), '0 m')).toMatchObject({ kind: 'copy', detail: 'answer' });
    const [formula, substitution, ...rest] = lines as [string, string, ...string[]];
    const wrongFormula = formula.replace(/=.*/, '= q*z');
    expect(classifyChainFailure(physics(problem.question), [wrongFormula, substitution, ...rest].join('\n'), '1')).toMatchObject({
      kind: 'plan',
      detail: 'formula',
    });
    const firstNumber = /\d+/.exec(substitution)?.[0] ?? '';
    const miscopied = substitution.replace(firstNumber, `${firstNumber}9`);
    expect(classifyChainFailure(physics(problem.question), [formula, miscopied, ...rest].join('\n'), '1')).toMatchObject({
      kind: 'copy',
      detail: 'given',
    });
  });
});

describe('classifyCountdownFailure', () => {
  const question = 'Use 5, 6, 9, 2 to make 19.';
  const search = ['9*2=18 [5,6,18]', '18+5=23 [6,23]', '23-6=17 no', '23+6=29 no', '18-6=12 [5,12]', '12+5=17 no', '12-5=7 no'];

  it('a false line is a digit fault, a number off the board or a wrong board is a copy', () => {
    expect(classifyCountdownFailure(question, ['9*2=19 [5,6,19]'].join('\n'), '9*2')).toMatchObject({ kind: 'digit' });
    expect(classifyCountdownFailure(question, ['9*7=63 [5,6,63]'].join('\n'), '9*7')).toMatchObject({ kind: 'copy', detail: 'operand' });
    expect(classifyCountdownFailure(question, ['9*2=18 [5,18]'].join('\n'), '9*2')).toMatchObject({ kind: 'copy', detail: 'board' });
  });

  it('backtracking to an earlier board is right; a search that reached the target then answered wrong is a copy, one that never did stopped early', () => {
    expect(classifyCountdownFailure(question, [...search, '18+6=24 [5,24]', '24-5=19'].join('\n'), '9*2+6-6')).toMatchObject({
      kind: 'copy',
      detail: 'answer',
    });
    expect(classifyCountdownFailure(question, search.join('\n'), 'no solution')).toMatchObject({ kind: 'early-stop', detail: 'gave-up' });
    expect(classifyCountdownFailure(question, search.join('\n'), '', true)).toMatchObject({ kind: 'format', detail: 'context' });
  });
});
