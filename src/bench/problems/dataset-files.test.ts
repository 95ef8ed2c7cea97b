import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastBoxed, loadDatasetFile } from './dataset-files.js';
import { createGrader, loadProblems } from './problem-source.js';

const folder = mkdtempSync(join(tmpdir(), 'slowthink-datasets-'));
const write = (name: string, lines: unknown[]) => {
  const path = join(folder, name);
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
};

describe('dataset files', () => {
  it('reads GSM8K answers after ####, without thousands separators', () => {
    const path = write('gsm8k.jsonl', [{ question: 'Tom has 1,200 apples…', answer: 'He has 1200 + 34 = 1234.\n#### 1,234' }]);
    expect(loadDatasetFile('gsm8k', path)).toEqual([
      { id: 'gsm8k/gsm8k/1', task: 'gsm8k', question: 'Tom has 1,200 apples…', answer: '1234', meta: { line: 1 } },
    ]);
  });
  it('reads MATH (boxed solution, level) and MATH-500 (answer, unique_id)', () => {
    const path = write('math.jsonl', [
      {
        problem: 'Compute $\\frac{1}{2}+\\frac{1}{2}$.',
        solution: 'It is $\\boxed{\\frac{2}{2}}$, so $\\boxed{1}$.',
        level: 'Level 2',
        type: 'Algebra',
      },
      { problem: 'Find x.', answer: '\\frac{3}{4}', unique_id: 'test/algebra/7.json', level: 4 },
    ]);
    const [first, second] = loadDatasetFile('math', path);
    expect(first).toMatchObject({ answer: '1', level: 2, task: 'math' });
    expect(second).toMatchObject({ id: 'test/algebra/7.json', answer: '\\frac{3}{4}', level: 4 });
    expect(lastBoxed('a \\boxed{\\frac{1}{2}} b')).toBe('\\frac{1}{2}');
  });
  it('reads plain JSONL with optional answer and task, and rejects lines without a question', () => {
    const path = write('plain.jsonl', [{ question: 'What is 2 + 2?', answer: 4, task: 'arithmetic' }, { question: 'Name a colour.' }]);
    expect(loadProblems(`jsonl:${path}`, { count: 1, seed: 0 }, () => undefined)).toEqual([
      { id: 'jsonl/plain/1', task: 'arithmetic', question: 'What is 2 + 2?', answer: '4', meta: { line: 1 } },
    ]);
    const bad = write('bad.jsonl', [{ prompt: 'no question here' }]);
    expect(() => loadDatasetFile('jsonl', bad)).toThrow(/no question/);
    expect(() => loadDatasetFile('jsonl', join(folder, 'missing.jsonl'))).toThrow(/Cannot read/);
  });
  it('grades dataset answers by equivalence with the reference, and task problems with the task checker', () => {
    const grade = createGrader(() => undefined);
    expect(grade({ id: 'x', task: 'gsm8k', question: 'q', answer: '1234' }, ' 1,234 ')).toBe(true);
    expect(grade({ id: 'x', task: 'gsm8k', question: 'q', answer: '1234' }, '1235')).toBe(false);
    expect(grade({ id: 'x', task: 'jsonl', question: 'q' }, 'anything')).toBe(false);
    expect(grade({ id: 'x', task: 'gsm8k', question: 'q', answer: '1' }, undefined)).toBe(false);
  });
});
