import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluationKeys, problemKey } from './held-out.js';
import { listTasks } from './registry.js';
import { handleScoreRequest, rlProblems } from './score-service.js';

describe('RL scoring service', () => {
  it('serves training problems from the TS generators, deterministic per seed, never an evaluation problem', () => {
    const problems = rlProblems('arithmetic=4/5,countdown=3', 30, 11);
    expect(new Set(problems.map((problem) => `${problem.task}/${problem.level}`))).toEqual(
      new Set(['arithmetic/4', 'arithmetic/5', 'countdown/3']),
    );
    const reserved = evaluationKeys(listTasks());
    for (const problem of problems) expect(reserved.has(problemKey(problem.task, problem.question))).toBe(false);
    expect(rlProblems('arithmetic=4/5,countdown=3', 30, 11)).toEqual(problems);
    expect(rlProblems('arithmetic=4', 30, 12)).not.toEqual(rlProblems('arithmetic=4', 30, 11));
    expect(() => rlProblems('arithmetic=4', 5, 1_000_001)).toThrow(/evaluation range/);
    expect(() => rlProblems('countdown=4', 5, 1)).toThrow(/countdown has no level 4/);
    expect(() => rlProblems('nosuch=1', 5, 1)).toThrow(expect.objectContaining({ code: 'ST_UNKNOWN_TASK' }));
  });

  it('scores with the task checkers: right 1, formatted but wrong 0.1, unformatted 0; digits reward for the smoke test', () => {
    const reply = handleScoreRequest({
      op: 'score',
      rows: [
        { prompt: 'What is 17*3?\n', completion: '<think>\n17*3=51\n</think>\nA: 51' },
        { prompt: 'What is 17*3?\n', completion: '<think>\n17*3=52\n</think>\nA: 52' },
        { prompt: 'What is 17*3?\n', completion: '<think>\n17*3=51\nA: 51' },
        { prompt: 'Use 2, 3, 4 to make 14.\n', completion: '<think>\n</think>\nA: 2+3*4', task: 'countdown' },
        { prompt: 'What is 17*3?\n', completion: '<think>\n17*3=41\nWait, let me check.\n17*3=51\n</think>\nA: 51' },
      ],
    });
    const rows = reply['rows'] as Array<Record<string, unknown>>;
    expect(rows.map((row) => row['reward'])).toEqual([1, 0.1, 0, 1, 1]);
    // RL logs how often the chains check themselves: only the last one does.
    expect(rows.map((row) => row['selfCheck'])).toEqual([false, false, false, false, true]);
    const digits = handleScoreRequest({
      op: 'score',
      reward: 'digits',
      rows: [
        { prompt: 'x\n', completion: 'a1b2' },
        { prompt: 'x\n', completion: '' },
      ],
    });
    expect((digits['rows'] as Array<Record<string, unknown>>).map((row) => row['reward'])).toEqual([0.5, 0]);
    expect(() => handleScoreRequest({ op: 'nope' })).toThrow(expect.objectContaining({ code: 'ST_INVALID_ARGUMENT' }));
  });

  it('as a process: one reply line per request line, errors as {"error"} lines so the trainer never hangs', () => {
    const input = [
      JSON.stringify({ op: 'score', rows: [{ prompt: 'What is 2+3?\n', completion: '<think>\n</think>\nA: 5' }] }),
      'not json',
      JSON.stringify({ op: 'score', reward: 'digits', rows: [{ prompt: 'x\n', completion: '12' }] }),
    ].join('\n');
    const run = spawnSync('npx', ['tsx', 'src/tasks/score-service.ts'], { input, encoding: 'utf8' });
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(replies).toHaveLength(3);
    const firstReward = (reply: Record<string, unknown> | undefined) =>
      (reply?.['rows'] as Array<Record<string, unknown>> | undefined)?.[0]?.['reward'];
    expect(firstReward(replies[0])).toBe(1);
    expect(replies[1]?.['error']).toMatch(/JSON/);
    expect(firstReward(replies[2])).toBe(1);
  }, 20_000);
});
