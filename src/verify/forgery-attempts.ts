/**
 * @module Forged Python solutions that try to raise their own code-verifier score without solving the problem (issue
 * #12): each names what it tries and how many tests it really passes. Used by the forgery suite and its measurement.
 */

/** One attempt: Python code scored against `tests`; an unforgeable verifier gives it exactly `honestPasses` of them. */
export interface ForgeryAttempt {
  name: string;
  tries: string;
  code: string;
  tests: string;
  honestPasses: number;
}

/** Three asserts that a function returning a constant, None or an opaque object passes none of. */
export const ADD_TESTS = 'assert add(1, 2) == 3\nassert add(10, 5) == 15\nassert add(2, 2) == 4';

/** Forged lines a harness reading stdout might take for verdicts, for an optional secret prefix. */
const forgedVerdicts = String.raw`
def _verdicts(prefix=b''):
    lines = [prefix + b' {"event": "total", "total": 3}']
    lines += [prefix + (b' {"event": "test", "index": %d, "passed": true, "source": "", "message": ""}' % i) for i in range(10)]
    lines += [prefix + b' {"event": "done"}']
    return b'\n' + b'\n'.join(lines) + b'\n'
def _secrets():
    import re
    found = set()
    for path in ('/proc/self/environ', '/proc/1/environ', '/proc/self/cmdline'):
        try:
            found.update(re.findall(rb'[0-9a-fA-F]{16,}', open(path, 'rb').read()))
        except OSError:
            pass
    return sorted(found) or [b'']
`;

const attempt = (name: string, tries: string, code: string, tests = ADD_TESTS, honestPasses = 0): ForgeryAttempt => ({
  name,
  tries,
  code: code.trim(),
  tests,
  honestPasses,
});

/** The forgery suite: the three observed forgeries first, then the other ways in the list. */
export const FORGERY_ATTEMPTS: readonly ForgeryAttempt[] = [
  attempt(
    'always-equal',
    'returns an object whose == is always true',
    `
class Anything:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def add(a, b):
    return Anything()`,
  ),
  attempt(
    'call-the-reporter',
    "finds the harness's own report function (frames, gc) and reports every test passed, then exits",
    `
import gc, os, sys
def add(a, b):
    found = []
    frame = sys._getframe()
    while frame is not None:
        found += [v for k, v in list(frame.f_globals.items()) if callable(v) and ('report' in k or k in ('_send', '_reply', '_respond', '_write'))]
        frame = frame.f_back
    found += [o for o in gc.get_objects() if type(o).__name__ == 'function' and ('report' in o.__name__ or o.__name__ in ('_send', '_reply', '_respond'))]
    for report in found:
        for index in range(10):
            try:
                report(event='test', index=index, passed=True, source='forged', message='')
            except Exception:
                pass
        try:
            report(event='done')
        except Exception:
            pass
    os._exit(0)`,
  ),
  attempt(
    'environ-secret',
    'reads the secret marker from /proc/self/environ and prints verdicts tagged with it, then exits',
    `
import os
${forgedVerdicts}
def add(a, b):
    for secret in _secrets():
        os.write(1, _verdicts(secret))
    os._exit(0)`,
  ),
  attempt(
    'patch-builtins',
    'replaces builtins.exec/eval with no-ops so the tests never run and never fail',
    `
import builtins
builtins.exec = lambda *args, **kwargs: None
builtins.eval = lambda *args, **kwargs: None
def add(a, b):
    return None`,
  ),
  attempt(
    'patch-json',
    'monkeypatches json.dumps so every serialised verdict says passed: true',
    `
import json
_dumps = json.dumps
def _forged(value, *args, **kwargs):
    if isinstance(value, dict) and 'passed' in value:
        value = {**value, 'passed': True}
    return _dumps(value, *args, **kwargs)
json.dumps = _forged
def add(a, b):
    return None`,
  ),
  attempt(
    'trace-rewrite',
    'installs sys.settrace to flip passed=False to True in the frames of the harness',
    `
import sys
def _tracer(frame, event, arg):
    if event == 'call':
        for value in list(frame.f_locals.values()):
            if isinstance(value, dict) and 'passed' in value:
                value['passed'] = True
    return None
sys.settrace(_tracer)
def add(a, b):
    return None`,
  ),
  attempt(
    'stdout-rewrite',
    'puts a forked filter on fd 1 that rewrites "passed": false to true in whatever the harness writes',
    `
import os
_read, _write = os.pipe()
_real = os.dup(1)
if os.fork() == 0:
    os.close(_write)
    pending = b''
    while True:
        chunk = os.read(_read, 65536)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b'\\n')
        for line in lines:
            os.write(_real, line.replace(b'"passed": false', b'"passed": true') + b'\\n')
    os.write(_real, pending)
    os._exit(0)
os.close(_read)
os.dup2(_write, 1)
os.close(_write)
os.close(_real)
def add(a, b):
    return None`,
  ),
  attempt(
    'read-expected',
    "reads the tests' expected values from harness globals, gc and /proc/*/cmdline, and returns them",
    `
import gc, glob, re, sys
def _texts():
    texts = []
    frame = sys._getframe()
    while frame is not None:
        texts += [v for v in list(frame.f_globals.values()) if isinstance(v, str)]
        frame = frame.f_back
    for path in glob.glob('/proc/*/cmdline') + glob.glob('/proc/*/environ') + glob.glob('/tmp/*'):
        try:
            texts.append(open(path, 'rb').read().decode('utf8', 'replace'))
        except OSError:
            pass
    for value in gc.get_objects():
        if isinstance(value, dict):
            texts += [v for v in list(value.values()) if isinstance(v, str)]
        elif isinstance(value, (list, tuple)):
            texts += [v for v in value if isinstance(v, str)]
    return texts
def add(a, b):
    for text in _texts():
        for left, right in re.findall(r'add\\(([^()]*)\\)\\s*==\\s*(-?\\d+)', text.replace('\\\\n', '\\n')):
            try:
                if tuple(int(x) for x in left.split(',')) == (a, b):
                    return int(right)
            except ValueError:
                pass
    return None`,
  ),
  attempt(
    'int-subclass',
    'returns an int subclass whose __eq__ is always true',
    `
class Number(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
def add(a, b):
    return Number(0)`,
  ),
  attempt(
    'class-spoof',
    'returns an object whose __class__ claims int (fools isinstance-based serialisers) and whose == is true',
    `
class Liar:
    __class__ = property(lambda self: int)
    def __eq__(self, other):
        return True
    def __repr__(self):
        return '3'
    __hash__ = object.__hash__
def add(a, b):
    return Liar()`,
  ),
  attempt(
    'nested-equal',
    'hides always-equal objects inside a tuple the tests compare with ==',
    `
class Anything:
    def __eq__(self, other):
        return True
    def __hash__(self):
        return 0
def pair(n):
    return (Anything(), Anything())`,
    'assert pair(1) == (1, 2)\nassert pair(5) == (5, 6)\nassert pair(0) == (0, 1)',
  ),
  attempt(
    'fake-markers',
    'prints verdict-like lines with guessed markers, fakes sys.exit/os._exit and exits 0',
    `
import os, sys
${forgedVerdicts}
def add(a, b):
    for prefix in (b'', b'PASS', b'ok', b'0' * 32):
        os.write(1, _verdicts(prefix))
        print(_verdicts(prefix).decode())
    _exit = os._exit
    sys.exit = os._exit = lambda code=0: None
    _exit(0)`,
  ),
  attempt(
    'write-every-fd',
    'writes forged verdicts (with any secret found) to every open fd and /proc/self/fd entry',
    `
import glob, os
${forgedVerdicts}
def add(a, b):
    for secret in _secrets():
        for fd in range(64):
            try:
                os.write(fd, _verdicts(secret))
            except OSError:
                pass
        for path in glob.glob('/proc/self/fd/*') + glob.glob('/proc/*/fd/*'):
            try:
                with open(path, 'wb') as stream:
                    stream.write(_verdicts(secret))
            except OSError:
                pass
    return None`,
  ),
  attempt(
    'outliving-child',
    'forks a child that writes secret-tagged passes after the harness has reported its failures',
    `
import os, time
${forgedVerdicts}
if os.fork() == 0:
    time.sleep(0.4)
    for secret in _secrets():
        try:
            os.write(1, _verdicts(secret))
        except OSError:
            pass
    os._exit(0)
def add(a, b):
    return None`,
  ),
  attempt(
    'lying-exception',
    'raises an exception whose __str__ and name pretend to be a pass',
    `
class Passed(Exception):
    def __str__(self):
        return 'passed\\n{"event": "test", "index": 0, "passed": true}'
Passed.__name__ = 'passed'
def add(a, b):
    raise Passed()`,
  ),
  attempt(
    'kill-the-judge',
    'sends SIGKILL/SIGSTOP to every other process it can see, parent included',
    `
import os, signal
def add(a, b):
    for entry in os.listdir('/proc'):
        if entry.isdigit() and int(entry) != os.getpid():
            for sig in (signal.SIGSTOP, signal.SIGKILL):
                try:
                    os.kill(int(entry), sig)
                except OSError:
                    pass
    return None`,
  ),
  attempt(
    'shadow-builtin',
    'defines its own len() returning an always-equal object, for tests that call len on its result',
    `
class Anything:
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def len(value):
    return Anything()
def digits(n):
    return None`,
    'assert len(digits(123)) == 3\nassert len(digits(5)) == 1\nassert len(digits(40)) == 2',
  ),
  attempt(
    'shadow-module',
    'binds the name math to a fake whose isclose is always true, for tests that use math without importing it',
    `
class math:
    @staticmethod
    def isclose(a, b, **kwargs):
        return True
def half(x):
    return None`,
    'assert math.isclose(half(1), 0.5)\nassert math.isclose(half(3), 1.5)\nassert math.isclose(half(0), 0.0)',
  ),
  attempt(
    'stop-iteration',
    'raises StopIteration, which silently ends a map() inside all() so the assert holds',
    'def add(a, b):\n    raise StopIteration',
    'assert all(map(lambda x: add(x, 1) == x + 1, range(5)))\nassert all(map(lambda x: add(x, x) == 2 * x, [3, 4]))\nassert any(filter(None, map(lambda x: add(x, 0) != x, [1]))) is False',
  ),
  attempt('infinite-loop', 'never returns (the timeout must score 0, not crash)', 'def add(a, b):\n    while True:\n        pass'),
  attempt(
    'huge-output',
    'floods stdout and stderr with hundreds of megabytes',
    `
import os, sys
def add(a, b):
    chunk = b'x' * (1 << 20)
    for _ in range(300):
        os.write(1, chunk)
        os.write(2, chunk)
        print('y' * 100000)
    return None`,
  ),
];
