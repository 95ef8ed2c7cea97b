import { describe, expect, it } from 'vitest';
import { formatSolve, normalizeQuestion, parseCompletion } from './format.js';
import { EVAL_RESERVED_COUNT, EVAL_SEED, problemKey } from './held-out.js';
import { programQuestion, programTrace, programTraceTask } from './program-trace.js';
import { runPrograms } from './program-trace-runner.js';
import { checkProgramTraceLine } from './program-trace-step.js';
import { detectTask, listTasks } from './registry.js';
import { buildTrainingData, summarizeTrainingData } from './training-data.js';
import { parseLevelWeights, parseTaskWeights } from './write-training-data.js';

const SUM = programQuestion('s = 0\nfor i in range(4):\n  s += i\nprint(s)');

describe('program-trace task', () => {
  it('generates deterministic problems per seed and level, within the context and ASCII', () => {
    for (const level of programTraceTask.levels) {
      const problems = programTraceTask.generate({ seed: 7, count: 40, level });
      expect(programTraceTask.generate({ seed: 7, count: 40, level })).toEqual(problems);
      expect(problems.every((problem) => problem.level === level)).toBe(true);
      for (const problem of problems) {
        const trace = programTrace(problem.question);
        expect(trace?.answer).toBe(problem.answer);
        const example = formatSolve(problem.question, trace?.lines ?? [], problem.answer ?? '');
        expect(example.prompt.length + example.completion.length).toBeLessThanOrEqual(480);
        expect(example.prompt + example.completion).toMatch(/^[\x20-\x7e\n]*$/);
        // The model sees the normalised question: training must show it the same text.
        expect(normalizeQuestion(problem.question)).toBe(problem.question);
      }
    }
    expect(programTraceTask.generate({ seed: 8, count: 5, level: 2 })).not.toEqual(
      programTraceTask.generate({ seed: 7, count: 5, level: 2 }),
    );
  });

  it('draws held-out shapes that training never sees', () => {
    const shapes: Record<number, RegExp> = {
      1: /print\(\w+ [-+*] \w+\)$/,
      2: /range\(\d+, \d+, 2\)/,
      3: /while [\s\S]*\/\//,
      4: /for j in range\(i/,
    };
    for (const level of programTraceTask.levels) {
      const shape = shapes[level] as RegExp;
      const heldOut = programTraceTask.generate({ seed: 3, count: 30, level, split: 'held-out-shapes' });
      expect(
        heldOut.every((problem) => shape.test(problem.question)),
        `level ${level}`,
      ).toBe(true);
      expect(heldOut.every((problem) => programTraceTask.check(problem.question, problem.answer ?? ''))).toBe(true);
      expect(heldOut[0]?.id).toBe(`program-trace/L${level}/seed3/held-out-shapes/0`);
      const train = programTraceTask.generate({ seed: 3, count: 200, level });
      expect(
        train.some((problem) => shape.test(problem.question)),
        `level ${level}`,
      ).toBe(false);
    }
  });

  it('grades against the output the sandbox printed, modulo whitespace', () => {
    expect(programTraceTask.check(SUM, '6')).toBe(true);
    expect(programTraceTask.check(SUM, ' 6 ')).toBe(true);
    expect(programTraceTask.check(SUM, '7')).toBe(false);
    expect(programTraceTask.check(SUM, '`6`')).toBe(true);
    expect(programTraceTask.check(SUM, '```\n6\n```')).toBe(true);
    expect(programTraceTask.check(SUM, '`7`')).toBe(false);
    expect(programTraceTask.check(SUM, '')).toBe(false);
    const lists = programQuestion('a = [1]\na.append(2)\nprint(a)\nprint(len(a), 5)');
    expect(programTraceTask.check(lists, '[1,2] 2 5')).toBe(true);
    expect(programTraceTask.check(lists, '[1, 2]\n2 5')).toBe(true);
    expect(programTraceTask.check(lists, '[1, 2] 25')).toBe(false);
    // A program that never ends or raises has no right answer.
    expect(programTraceTask.check(programQuestion('while True:\n  pass'), '')).toBe(false);
    expect(programTraceTask.check(programQuestion('print(1 // 0)'), '0')).toBe(false);
    for (const problem of programTraceTask.generate({ seed: 2, count: 20 })) {
      expect(programTraceTask.check(problem.question, problem.answer ?? '')).toBe(true);
      expect(programTraceTask.check(problem.question, `${problem.answer} 1`)).toBe(false);
    }
  });

  it('traces the state after each executed line, the branches and the prints', () => {
    const question = programQuestion('t = 5\nfor i in range(1, 3):\n  if i % 2 == 1:\n    t -= i * 2\nprint(t)');
    expect(programTrace(question)).toEqual({
      lines: ['t=5', 't=5 i=1', '1%2==1 yes', 't=5-(1*2)=3 i=1', 't=3 i=2', '2%2==1 no', 'print 3'],
      answer: '3',
    });
  });

  it('runs user programs isolated: one that patches builtins, kills or floods the sandbox does not change the next', () => {
    const [patched, plain] = runPrograms(['import builtins\nbuiltins.max = lambda *a: 99\nprint(max(1, 2))', 'print(max(1, 2))']);
    expect(patched?.ok && patched.output).toBe('99\n');
    expect(plain?.ok && plain.output).toBe('2\n');
    // One that kills the sandbox, or floods it, fails alone; the next check starts a fresh sandbox.
    expect(programTraceTask.check(programQuestion('import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nprint(1)'), '1')).toBe(false);
    expect(programTraceTask.check(programQuestion("print('x' * 10**6)"), 'x')).toBe(false);
    expect(programTraceTask.check(programQuestion('print(2)'), '2')).toBe(true);
  });

  it('keeps program questions whole through normalisation, with a spacing-blind held-out key', () => {
    const typed =
      'What does the following Python code print?\r\n```python\n    s=0\n    for i in range(4):\n    \ts += i\n    print(s)\n```\n';
    const normalized = normalizeQuestion(typed);
    expect(normalized.split('\n')[0]).toBe('What does this program print?');
    expect(programTraceTask.check(typed, '6')).toBe(true);
    expect(problemKey('program-trace', normalized)).toBe(problemKey('program-trace', SUM));
    expect(problemKey('program-trace', SUM)).not.toBe(problemKey('program-trace', SUM.replace('  s += i', 's += i')));
  });

  it('owns its questions and leaves every other task theirs', () => {
    expect(detectTask(SUM)?.name).toBe('program-trace');
    for (const split of ['train', 'held-out-shapes'] as const) {
      for (const problem of programTraceTask.generate({ seed: 4, count: 40, split }))
        expect(detectTask(problem.question)?.name).toBe('program-trace');
    }
    expect(detectTask('What does this program print?\nprint(3 + 4)')?.name).toBe('program-trace');
    for (const question of ['What is 347*58?', '3 + 4', 'Use 3, 7, 25 and 50 to make 62.', 'What does this program print?', 'print(3)']) {
      expect(programTraceTask.matches(question)).toBe(false);
    }
    for (const task of listTasks().filter((entry) => entry.name !== 'program-trace')) {
      for (const problem of task.generate({ seed: 4, count: 30 }))
        expect(programTraceTask.matches(problem.question), problem.question).toBe(false);
    }
  });

  it('is in the mix, and trains on its own problems, never on the reserved evaluation problems', () => {
    const mix = summarizeTrainingData(buildTrainingData({ task: 'mix', n: 200, seed: 5, heldOut: false })).byTask;
    expect(Object.keys(mix).filter((key) => key.startsWith('program-trace/')).length).toBeGreaterThan(1);
    // `--task-weights ...,program-trace=0.1`: a hyphenated task name is a name, not a parse error.
    expect(parseTaskWeights('arithmetic=0.6,program-trace=0.1')).toEqual({ arithmetic: 0.6, 'program-trace': 0.1 });
    expect(parseLevelWeights('program-trace=1/2/2/3')).toEqual({ 'program-trace': [1, 2, 2, 3] });
    const traced = buildTrainingData({ task: 'program-trace', n: 300, seed: 5 });
    const checks = traced.filter((example) => example.kind === 'check');
    expect(checks.length).toBeGreaterThan(10);
    for (const example of checks) {
      const line = example.prompt.replace(/^Check: |\n$/g, '');
      expect(checkProgramTraceLine(line) === true ? 'right' : 'wrong', line).toBe(example.completion);
    }
    expect(Object.keys(summarizeTrainingData(traced).byTask).sort()).toEqual(
      programTraceTask.levels.map((level) => `program-trace/L${level}`),
    );
    const reserved = new Set(
      programTraceTask.levels.flatMap((level) =>
        programTraceTask
          .generate({ seed: EVAL_SEED, count: EVAL_RESERVED_COUNT, level })
          .map((problem) => problemKey('program-trace', problem.question)),
      ),
    );
    for (const example of traced.filter((entry) => entry.kind !== 'check')) {
      expect(reserved.has(problemKey('program-trace', example.prompt))).toBe(false);
      const answer = parseCompletion(example.completion).answer ?? '';
      expect(programTraceTask.check(example.prompt, answer)).toBe(true);
    }
  });
});
