import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reason } from '../../engine/index.js';
import { RunStore } from '../../store/index.js';
import { createScriptedModel } from '../../testing/scripted-model.js';
import { createCodeVerifier, extractCode } from '../../verify/index.js';
import { doctestAsserts, loadCodeProblems } from '../problems/code-problems.js';
import { loadProblems } from '../problems/problem-source.js';
import { buildSummary } from '../report/summary.js';
import { passAtK } from '../statistics/statistics.js';
import { createCodeGrading } from './code-grading.js';
import type { Solver } from './job-record.js';
import { startBench } from './run-bench.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'code');
const humaneval = join(fixtures, 'humaneval-sample.jsonl');
const mbpp = join(fixtures, 'mbpp-sample.jsonl');
const tools = {
  createVerifier: (tests: string, entryPoint: string | undefined) =>
    createCodeVerifier({ tests: () => tests, entryPoint: () => entryPoint }),
  extractCode,
};
const unused: Solver = async () => {
  throw new Error('not a code problem');
};

describe('code benchmarks (humaneval:PATH, mbpp:PATH)', () => {
  it('load the published formats: the question shows the prompt and visible tests, the hidden tests stay in meta', () => {
    const problems = loadProblems(`humaneval:${humaneval}`, { count: 3, seed: 1 }, () => undefined);
    expect(problems.map((problem) => problem.id)).toEqual(['humaneval/slowthink/0', 'humaneval/slowthink/1', 'humaneval/slowthink/2']);
    expect(problems[0]?.question).toContain('def running_max(values):');
    expect(problems[0]?.question).not.toContain('[-2, -5, -1]');
    expect(problems[0]?.meta).toMatchObject({
      entryPoint: 'running_max',
      visibleTests: 'assert running_max([3, 1, 4, 1, 5]) == [3, 3, 4, 4, 5]\nassert running_max([]) == []',
    });
    expect(doctestAsserts(">>> f('a')\n'b'\n>>> g()\n")).toBe("assert f('a') == 'b'");
    const [first] = loadCodeProblems('mbpp', mbpp);
    expect(first?.question).toContain('assert second_largest([4, 1, 4, 3]) == 3');
    expect(first?.question).not.toContain('[2, 9, 9, 7]');
    expect(String((first?.meta as { tests?: string } | undefined)?.tests).split('\n')).toHaveLength(3);
    expect(() => loadCodeProblems('mbpp', humaneval)).toThrow(/lacks text or test_list/);
    expect(() => loadCodeProblems('humaneval', join(fixtures, 'missing.jsonl'))).toThrow(/Cannot read/);
  });

  it('grade each sample by the hidden tests in the sandbox, so pass@k counts right samples; best-of-N ranks by the visible tests', async () => {
    // Scripted replies (control flow): a right solution, one that passes only the visible doctests, and one that fails them.
    const right =
      '```python\ndef running_max(values):\n    out = []\n    for v in values:\n        out.append(v if not out else max(out[-1], v))\n    return out\n```';
    const visibleOnly = '```python\ndef running_max(values):\n    return [3, 3, 4, 4, 5] if values else []\n```';
    const wrong = '```python\ndef running_max(values):\n    return sorted(values)\n```';
    const model = createScriptedModel({ responses: [wrong, visibleOnly, right, wrong] });
    const code = createCodeGrading(tools);
    const store = RunStore.open(':memory:');
    const outcome = await startBench(
      { task: `humaneval:${humaneval}`, model: 'scripted', strategies: 'best-of-n:n=8', n: 1, seed: 1, concurrency: 1 },
      { store, solve: code.solver(reason, { model }, unused), lookupTask: code.lookup(() => undefined) },
    );
    expect(outcome.complete).toBe(true);
    const [result] = store.results(outcome.run.id);
    const samples = result?.sampleRecords.map((sample) => sample.correct) ?? [];
    expect(samples).toEqual([false, false, true, false, false, false, true, false]);
    // The bench's sampling curve reports pass@k by the unbiased estimator over those graded samples.
    const summary = buildSummary(outcome.run, outcome.problems, store.results(outcome.run.id));
    const points = summary.samplingCurves[0]?.points ?? [];
    expect(points.map((point) => point.n)).toEqual([1, 2, 4, 8]);
    expect(points.map((point) => point.passAt)).toEqual([1, 2, 4, 8].map((k) => passAtK(8, 2, k)));
    expect(points[0]?.passAt).toBeCloseTo(0.25, 12);
    // The visible tests cannot tell the right solution from the one that only fits them: either may win the ranking.
    expect([right, visibleOnly].map((text) => extractCode(text)?.trim())).toContain(result?.answer);
    expect(result?.correct).toBe(result?.answer === extractCode(right)?.trim());
    expect([...code.verdicts.values()].filter(Boolean)).toHaveLength(1);
    store.close();
  });

  it("refine revises with the visible tests' failures, and only then is graded by the hidden ones", async () => {
    const [problem] = loadCodeProblems('humaneval', humaneval);
    if (!problem) throw new Error('the HumanEval fixture is empty');
    const draft = '```python\ndef running_max(values):\n    return values\n```';
    const fixed =
      '```python\ndef running_max(values):\n    out = []\n    for v in values:\n        out.append(v if not out else max(out[-1], v))\n    return out\n```';
    const model = createScriptedModel({ respond: (_request, call) => [call === 0 ? draft : fixed] });
    const code = createCodeGrading(tools);
    const solve = code.solver(reason, { model }, unused);
    const outcome = await solve(
      problem,
      { key: 'refine', strategy: 'refine', options: {} },
      { seed: 1, signal: new AbortController().signal },
    );
    const revision = JSON.stringify(model.calls[1]?.messages ?? []);
    expect(revision).toMatch(/0\/2 tests passed|1\/2 tests passed/);
    expect(outcome.answer).toBe(extractCode(fixed)?.trim());
    expect(
      code
        .lookup(() => undefined)('humaneval')
        ?.check(problem.question, outcome.answer ?? ''),
    ).toBe(true);
  });

  it('grade MBPP code by all of its tests, with setup code', async () => {
    const [problem] = loadCodeProblems('mbpp', mbpp);
    if (!problem) throw new Error('the MBPP fixture is empty');
    const code = createCodeGrading(tools);
    const model = createScriptedModel({ responses: ['```python\ndef second_largest(values):\n    return sorted(values)[-2]\n```'] });
    const solve = code.solver(reason, { model }, unused);
    const outcome = await solve(problem, { key: 'cot', strategy: 'cot', options: {} }, { seed: 1, signal: new AbortController().signal });
    // Passes the visible test, fails the hidden ones (a single value, a repeated maximum).
    expect(
      code
        .lookup(() => undefined)('mbpp')
        ?.check(problem.question, outcome.answer ?? ''),
    ).toBe(false);
  });
});
