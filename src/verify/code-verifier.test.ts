import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../spec/verifier.js';
import { createCodeVerifier } from './code-verifier.js';
import { createVerifier } from './create-verifier.js';
import { runSandboxed, sandboxAvailability } from './sandbox.js';

const sandboxed = sandboxAvailability() === true;
const tests = 'assert add(1, 2) == 3\nassert add(-1, 1) == 0\nassert add(2, 2) == 4';
const humanEval =
  'def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(0, 0) == 0\n    for a in range(3):\n        assert candidate(a, a) == 2 * a\n';
const problem = (reference: string): Problem => ({ question: 'Write add(a, b).', messages: [], reference });
const python = (code: string) => `Here you go:\n\`\`\`python\n${code}\n\`\`\``;

describe('code verifier refusal', () => {
  it('refuses to exist without a working bubblewrap, instead of running unsandboxed', () => {
    expect(() => createCodeVerifier({ bwrapPath: '/nonexistent/bwrap' })).toThrow(expect.objectContaining({ code: 'ST_CONFIG' }));
  });
});

describe.skipIf(!sandboxed)('code verifier (sandboxed)', () => {
  const verifier = createVerifier('code', { code: { timeoutMs: 1500 } });

  it('scores passed / total asserts and explains failures', async () => {
    expect((await verifier.score(problem(tests), { text: python('def add(a, b):\n    return a + b') })).value).toBe(1);
    const wrong = await verifier.score(problem(tests), { text: python('def add(a, b):\n    return a * b if a > 0 else a + b') });
    expect(wrong.value).toBeCloseTo(2 / 3);
    expect(wrong.evidence).toContain('2/3 tests passed');
    expect(wrong.issues?.some((issue) => issue.code === 'test-failed' && issue.message.includes('add(1, 2)'))).toBe(true);
  });

  it('expands a HumanEval check(candidate) with the entry point', async () => {
    const entry = createCodeVerifier({ timeoutMs: 1500, entryPoint: () => 'add' });
    expect((await entry.score(problem(humanEval), { text: python('def add(a, b):\n    return a + b') })).value).toBe(1);
    expect((await entry.score(problem(humanEval), { text: python('def add(a, b):\n    return a - b') })).value).toBeCloseTo(1 / 3);
  });

  it('reads HumanEval-style JSON references', async () => {
    const reference = JSON.stringify({ test: humanEval, entry_point: 'add' });
    expect((await verifier.score(problem(reference), { text: python('def add(a, b):\n    return a + b') })).value).toBe(1);
  });

  it('kills an infinite loop on time and keeps the tests that passed before it', async () => {
    const started = Date.now();
    const code = 'def add(a, b):\n    while a == 2:\n        pass\n    return a + b';
    const score = await verifier.score(problem(tests), { text: python(code) });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(score.value).toBeCloseTo(2 / 3);
    expect(score.issues?.some((issue) => issue.code === 'timeout')).toBe(true);
  });

  it('contains a fork bomb', async () => {
    const code =
      'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        break\ndef add(a, b):\n    return a + b';
    const result = await runSandboxed(code.replace('def add', 'print("stopped")\ndef add'), { timeoutMs: 2000 });
    expect(result.stdout).toContain('stopped');
    expect(result.durationMs).toBeLessThan(4000);
  });

  it('cannot touch the host files or the network, and sees an empty environment', async () => {
    const before = readFileSync('/etc/passwd', 'utf8');
    const program = [
      'import os, socket',
      "open('/etc/passwd', 'w').write('owned')",
      'try:',
      "    open('/usr/owned', 'w')",
      'except OSError as error:',
      "    print('usr', error.errno)",
      'try:',
      "    socket.create_connection(('1.1.1.1', 80), timeout=1)",
      "    print('network open')",
      'except OSError:',
      "    print('network closed')",
      "print('env', sorted(os.environ))",
      "print('uid', os.getuid())",
    ].join('\n');
    const result = await runSandboxed(program, { timeoutMs: 3000 });
    expect(readFileSync('/etc/passwd', 'utf8')).toBe(before);
    expect(result.stdout).toContain('usr 30');
    expect(result.stdout).toContain('network closed');
    expect(result.stdout).not.toContain('HOME');
    expect(result.stdout).not.toMatch(/uid 0\b/);
  });

  it('kills a program that floods its output', async () => {
    const result = await runSandboxed("import os\nwhile True:\n    os.write(1, b'x' * 65536)", { timeoutMs: 2000, maxOutputBytes: 100000 });
    expect(result.outputLimited).toBe(true);
    expect(result.stdout.length).toBeLessThanOrEqual(100000);
  });

  it('stops a memory bomb with MemoryError and does not trust forged result lines', async () => {
    const bomb = await verifier.score(problem(tests), { text: python('x = bytearray(8 * 1024 ** 3)\ndef add(a, b):\n    return a + b') });
    expect(bomb.value).toBe(0);
    expect(bomb.evidence).toContain('MemoryError');
    const forged = 'import os\nos.write(1, b\'\\nfake {"event": "test", "index": 0, "passed": true}\\n\')\ndef add(a, b):\n    return 0';
    expect((await verifier.score(problem(tests), { text: python(forged) })).value).toBeCloseTo(1 / 3);
  });

  it('keeps Python semantics across the two processes: exceptions, classes, generators, in-place mutation, data types', async () => {
    const code = [
      'from fractions import Fraction',
      'MOD = 7',
      'class Negative(ValueError):',
      '    pass',
      'def root(x):',
      '    if x < 0:',
      "        raise Negative('negative')",
      '    return x ** 0.5',
      'class Stack:',
      '    def __init__(self):',
      '        self.items = []',
      '    def push(self, item):',
      '        self.items.append(item)',
      '    def pop(self):',
      '        return self.items.pop()',
      '    def __len__(self):',
      '        return len(self.items)',
      'def count(n):',
      '    yield from range(n)',
      'def sort_in_place(items):',
      '    items.sort()',
      'def shapes():',
      "    return (1, 2), {3, 4}, {(1, 2): 'a'}, b'xy', float('nan'), 2 ** 100, Fraction(1, 3), True, None",
    ].join('\n');
    const tests = [
      'try:\n    root(-1)\n    assert False\nexcept ValueError as error:\n    assert str(error) == "negative"',
      'assert root(9) == 3.0',
      's = Stack()\ns.push(1)\ns.push(2)\nassert s.pop() == 2 and len(s) == 1',
      'assert list(count(3)) == [0, 1, 2] and sum(count(4)) == 6',
      'data = [3, 1, 2]\nsort_in_place(data)\nassert data == [1, 2, 3]',
      'import math\nt, st, d, b, nan, big, third, yes, nothing = shapes()',
      "assert t == (1, 2) and st == {3, 4} and d == {(1, 2): 'a'} and b == b'xy'",
      'assert math.isnan(nan) and big == 1267650600228229401496703205376 and third * 3 == 1 and yes is True and nothing is None',
      'assert MOD == 7',
    ].join('\n');
    const score = await verifier.score(problem(tests), { text: python(code) });
    expect(score.evidence).toContain('8/8 tests passed');
    expect(score.value).toBe(1);
  });

  it('carries big honest inputs and results (past the output limit, which counts only junk and stderr)', async () => {
    const code = 'def evens(items):\n    return [item for item in items if item % 2 == 0]';
    const tests = 'data = list(range(100000))\nassert evens(data) == data[::2]';
    const score = await createCodeVerifier({ timeoutMs: 3000, maxOutputBytes: 100000 }).score(problem(tests), { text: python(code) });
    expect(score.evidence).toContain('1/1 tests passed');
  });

  it('gives the tests the real builtins and the stdlib modules they use, even where the candidate rebinds those names', async () => {
    const tests = 'assert len(pair()) == 2\nassert math.isclose(pair()[0], 0.5)';
    const honest = 'import math\ndef pair():\n    return [0.5, 1]';
    expect((await verifier.score(problem(tests), { text: python(honest) })).value).toBe(1);
    const rebinding = 'len = lambda value: 2\nclass math:\n    isclose = staticmethod(lambda a, b: True)\ndef pair():\n    return 0';
    expect((await verifier.score(problem(tests), { text: python(rebinding) })).value).toBe(0);
    const helper = 'import math\ndef random(n):\n    return [0.5] * n\ndef pair():\n    return random(2)';
    expect((await verifier.score(problem(`${tests}\nassert random(3) == [0.5] * 3`), { text: python(helper) })).value).toBe(1);
  });

  it('runs the candidate with no variable but PATH (and what bwrap and Python add), and its prints reach no channel', async () => {
    const code = 'import os, sys\nprint(\'{"event": "done"}\')\nENV = sorted(os.environ)\ndef add(a, b):\n    return a + b';
    const score = await verifier.score(problem(`${tests}\nassert set(ENV) <= {'PATH', 'PWD', 'LC_CTYPE'}, ENV`), { text: python(code) });
    expect(score.value).toBe(1);
  });

  it('stops an infinite loop at load with a timeout issue and scores 0', async () => {
    const score = await createCodeVerifier({ timeoutMs: 600 }).score(problem(tests), { text: python('while True:\n    pass') });
    expect(score.value).toBe(0);
    expect(score.issues?.map((issue) => issue.code)).toEqual(expect.arrayContaining(['timeout', 'code-error']));
  });

  it('ends both processes when the signal aborts, with the verdicts so far', async () => {
    const started = Date.now();
    const code = 'def add(a, b):\n    while a == 2:\n        pass\n    return a + b';
    const score = await verifier.score(problem(tests), { text: python(code) }, { signal: AbortSignal.timeout(400) });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(score.value).toBeCloseTo(2 / 3);
    expect(score.issues?.some((issue) => issue.code === 'aborted')).toBe(true);
  });

  it('reports missing code or tests', async () => {
    expect((await verifier.score(problem(tests), { text: 'I cannot do that.' })).issues?.[0]?.code).toBe('no-code');
    expect((await verifier.score(problem(''), { text: python('pass') })).issues?.[0]?.code).toBe('no-tests');
  });
});
