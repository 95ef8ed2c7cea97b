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

  it('reports missing code or tests', async () => {
    expect((await verifier.score(problem(tests), { text: 'I cannot do that.' })).issues?.[0]?.code).toBe('no-code');
    expect((await verifier.score(problem(''), { text: python('pass') })).issues?.[0]?.code).toBe('no-tests');
  });
});
