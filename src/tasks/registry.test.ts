import { describe, expect, it } from 'vitest';
import { SlowthinkError } from '../errors/index.js';
import { detectTask, getTask, listTasks } from './registry.js';

describe('task registry', () => {
  it('finds tasks by name and rejects unknown names', () => {
    expect(listTasks().map((task) => task.name)).toEqual(expect.arrayContaining(['countdown', 'arithmetic', 'program-trace']));
    expect(getTask('arithmetic').name).toBe('arithmetic');
    try {
      getTask('chess');
      expect.unreachable();
    } catch (error) {
      expect(SlowthinkError.isInstance(error) && error.code).toBe('ST_UNKNOWN_TASK');
    }
  });

  it('detects the task of a question', () => {
    for (const task of listTasks()) {
      for (const problem of task.generate({ seed: 3, count: 50 })) expect(detectTask(problem.question)?.name).toBe(task.name);
    }
    expect(detectTask('What is 347 × 58?')?.name).toBe('arithmetic');
    expect(detectTask('Use 3, 7, 25 and 50 to make 62')?.name).toBe('countdown');
    expect(detectTask('What is the capital of France?')).toBeUndefined();
    expect(detectTask('What is 42?')).toBeUndefined();
    expect(detectTask('In 2024-2025, what happened?')).toBeUndefined();
  });
});
