import { describe, expect, it } from 'vitest';
import type { Task } from '../spec/task.js';
import { createAnswerKey, defaultAnswerKey } from './answer-key.js';

function taskWith(answerKey: Task['answerKey']): Task {
  return {
    name: 'local',
    description: 'a local test task',
    levels: [1],
    generate: () => [],
    check: () => false,
    matches: () => false,
    ...(answerKey ? { answerKey } : {}),
  };
}

describe('createAnswerKey', () => {
  it('is the default key without a task', () => {
    const key = createAnswerKey();
    expect(key).toBe(defaultAnswerKey);
    expect(key.extract('A: 1,000')).toBe('1,000');
    expect(key.normalize('1,000')).toBe('1000');
    expect(key.equivalent('\\frac12', '0.5')).toBe(true);
  });

  it('merges a task override and compares through its normalization', () => {
    const evaluate = (answer: string) => String(Function(`return (${answer.replace(/[^\d+\-*/() ]/g, '')})`)());
    const key = createAnswerKey(taskWith({ normalize: evaluate }));
    expect(key.normalize('(25+75)*3')).toBe('300');
    expect(key.equivalent('(25+75)*3', '300')).toBe(true);
    expect(key.equivalent('(25+75)*3', '301')).toBe(false);
    expect(key.extract('A: 7')).toBe('7');
  });

  it('honours lenient percentages when asked', () => {
    expect(createAnswerKey(undefined, { percent: 'lenient' }).equivalent('50%', '0.5')).toBe(true);
    expect(createAnswerKey(undefined).equivalent('50%', '0.5')).toBe(false);
  });
});
