import { describe, expect, it } from 'vitest';
import { programQuestion, programTraceTask } from './program-trace.js';
import { programTraceOutOfScope } from './program-trace-scope.js';
import { scopeOf } from './registry.js';

describe('program-trace scope of the embedded models', () => {
  it('keeps every generated problem in scope, of both splits', () => {
    for (const split of ['train', 'held-out-shapes'] as const) {
      for (const problem of programTraceTask.generate({ seed: 21, count: 60, split }))
        expect(programTraceOutOfScope(problem.question), problem.question).toBeUndefined();
    }
  });

  it('declines statement forms they never saw, long programs and traces past the context, with the reason', () => {
    for (const program of [
      'import os\nprint(1)',
      'def f(x):\n  return x\nprint(f(2))',
      "s = 'ab'\nprint(s)",
      'print(2 ** 10)',
      'x = 1.5\nprint(x)',
    ]) {
      expect(programTraceOutOfScope(programQuestion(program)), program).toMatch(/^the line `.+` is outside/);
    }
    expect(programTraceOutOfScope(programQuestion(`s = 0\n${'s += 1\n'.repeat(30)}print(s)`))).toMatch(
      /characters; they were trained on programs of up to/,
    );
    expect(programTraceOutOfScope(programQuestion('s = 0\nfor i in range(100):\n  s += i\nprint(s)'))).toMatch(
      /^its trace takes \d+ characters, more than their context of 480$/,
    );
    // A program that fails is not declined: that would tell its answer.
    expect(programTraceOutOfScope(programQuestion('print(1 // 0)'))).toBeUndefined();
    const scope = scopeOf(programQuestion('import os\nprint(1)'));
    expect(scope.task?.name).toBe('program-trace');
    expect(scope.declined).toMatch(/import os/);
  });
});
