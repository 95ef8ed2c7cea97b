/**
 * @module The two Python programs of the code verifier: a judge that runs the tests and a candidate host that runs the
 * model's code, each in a sandbox of its own, talking only in serialised values.
 *
 * Design (issue #12: the score must not be forgeable by the code it scores):
 * - Two processes, two sandboxes (separate pid, user, ipc and network namespaces, separate /tmp, and as root separate
 *   uids). The judge holds the tests; the candidate host holds the model's code. Nothing the candidate runs can see,
 *   signal, trace or write to the judge, and the tests (hence their expected values) never enter its sandbox: it only
 *   ever sees the arguments the tests call it with. No secret marker exists to steal: the environment is empty.
 * - Verdicts travel on the judge's stdout only; the verifier (TypeScript) reads them there and nowhere else. The
 *   candidate's stdout is a reply channel: the verifier forwards to the judge only a line answering the one call the
 *   judge has pending; anything else the candidate writes is discarded (and counted against the output limit).
 * - Where the tests use a name the candidate defined, the judge holds a proxy: calling it sends the arguments, and the
 *   candidate host answers with the result serialised to data (JSON with tags for tuple, set, dict, bytes, big int,
 *   non-finite float, complex, Fraction, Decimal). The judge decodes that into fresh builtin values it built itself, so
 *   `==`, `<`, `in`, `isinstance` in the tests run on plain data: an object whose `__eq__` lies, an int subclass, a
 *   spoofed `__class__` all arrive as their data (or as an opaque proxy that equals only itself and supports no
 *   arithmetic or ordering). Results that are not data (instances, generators, bound methods) stay in the candidate as
 *   handles; the judge may call them, get attributes, iterate, index, take len and truthiness, all answered as data.
 *   Lists, dicts and sets the tests pass are copied back when the candidate mutates them (Python's in-place semantics).
 * - Whatever the candidate host's process does to itself (patching builtins, json, sys.exit, tracing, forking, exiting,
 *   rewriting its fds) can only change the values it answers, which it could return honestly anyway. Its exceptions
 *   reach the tests as the nearest builtin exception class (else CandidateError) with its message as text.
 * - The judge's scope never takes a candidate name that shadows a builtin, nor one the tests use as a stdlib module
 *   (`math.isclose`): the tests get the real `len` and `math`; the entry point is always the candidate's. Helpers the
 *   problem asks the candidate to write (HumanEval's `poly`, `encode_cyclic`) are the candidate's by nature and the
 *   tests trust them. A StopIteration raised from a call (not from `next`) becomes CandidateError: it would silently
 *   end a `map()` inside `all()`.
 * - Not supported: tests passing the candidate a function or an object of a class the tests define (only data and the
 *   candidate's own handles cross); such a test fails with a TypeError that says so.
 * - A candidate that hangs is killed at the time limit; the calls pending or still to come are answered "gone" and fail,
 *   the tests already judged keep their verdicts.
 */

import { PYTHON_CHANNEL, PYTHON_CODEC } from './python-codec.js';

/** The candidate host: runs the model's code, then answers the judge's calls with serialised values. */
export const CANDIDATE_PROGRAM = `${PYTHON_CODEC}${PYTHON_CHANNEL}${String.raw`
import importlib
_objects = {}
def _handle(value):
    if type(value) is type(sys):
        return {'module': value.__name__}
    _objects[id(value)] = value
    return {'handle': [id(value), callable(value), type(value).__name__]}
def _reply_value(value):
    try:
        return _encode(value, _handle)
    except Exception:
        return _handle(value)
def _resolve(tag, body):
    if tag == 'module':
        return importlib.import_module(body)
    return _objects[body[0]]
def _text(error):
    kind = next((c.__name__ for c in type(error).__mro__ if c.__module__ == 'builtins'), 'Exception')
    try:
        return kind, str(error)[:300]
    except BaseException:
        return kind, ''
_scope = {'__name__': '__candidate__'}
_failure = None
try:
    exec(compile(json.loads(_requests.readline())['code'], '<candidate>', 'exec'), _scope)
except BaseException as error:
    _failure = ': '.join(_text(error))
def _serve(request):
    op = request['op']
    if op == 'names':
        if _failure is not None:
            return {'failed': _failure}
        return {'ok': {name: _reply_value(value) for name, value in list(_scope.items()) if not name.startswith('__')}}
    target = _objects[request['target']]
    args = [_decode(item, _resolve) for item in request.get('args', [])]
    kwargs = {key: _decode(item, _resolve) for key, item in request.get('kwargs', {}).items()}
    if op == 'call':
        before = {i: _reply_value(a) for i, a in enumerate(args) if type(a) in (list, dict, set, bytearray)}
        result = target(*args, **kwargs)
        after = {str(i): _reply_value(args[i]) for i in before}
        return {'ok': _reply_value(result), 'mutated': {i: v for i, v in after.items() if v != before[int(i)]}}
    operations = {'getattr': lambda: getattr(target, request['name']), 'iter': lambda: iter(target), 'next': lambda: next(target),
                  'len': lambda: len(target), 'getitem': lambda: target[args[0]], 'bool': lambda: bool(target)}
    return {'ok': _reply_value(operations[op]())}
while True:
    _line = _requests.readline()
    if not _line:
        break
    _request = None
    try:
        _request = json.loads(_line)
        _reply = _serve(_request)
    except BaseException as error:
        kind, message = _text(error)
        _reply = {'raised': {'type': kind, 'message': message}}
    _reply['id'] = _request.get('id') if isinstance(_request, dict) else None
    _send(_reply)
`}`;

/** Splits the tests into units: each top-level assert, each statement of a HumanEval `check` body, and setup. */
const units = String.raw`
def _is_test(node):
    return any(isinstance(n, ast.Assert) for n in ast.walk(node))
def _units(tree):
    units = []
    checks = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and _is_test(n)}
    called = False
    def expand(function, argument):
        parameter = function.args.args[0].arg if function.args.args else None
        for statement in function.body:
            units.append(('check', statement, (parameter, argument)))
    for node in tree.body:
        if isinstance(node, ast.Assert) or (_is_test(node) and not isinstance(node, ast.FunctionDef)):
            units.append(('assert', node, None))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) and node.value.func.id in checks:
            called = True
            expand(checks[node.value.func.id], node.value.args[0] if node.value.args else None)
        else:
            units.append(('setup', node, None))
    if _entry and checks and not called:
        expand(next(iter(checks.values())), ast.Name(id=_entry, ctx=ast.Load()))
    return units
def _counts(kind, node):
    return kind != 'setup' and _is_test(node)
`;

/** Runs the units in the tests' scope; a unit passes when it raises nothing. */
const runUnits = String.raw`
_index = 0
for kind, node, binding in _plan:
    if kind == 'check' and binding and binding[0] and binding[1] is not None:
        try:
            _scope[binding[0]] = eval(compile(ast.Expression(ast.fix_missing_locations(binding[1])), '<tests>', 'eval'), _scope)
        except BaseException:
            pass
    module = ast.fix_missing_locations(ast.Module(body=[node], type_ignores=[]))
    try:
        exec(compile(module, '<tests>', 'exec'), _scope)
        ok, message = True, ''
    except BaseException as error:
        ok, message = False, type(error).__name__ + ': ' + str(error)[:200]
    if _counts(kind, node):
        _report(event='test', index=_index, passed=ok, source=ast.unparse(node)[:200], message=message)
        _index += 1
    elif not ok:
        _report(event='setup-error', source=ast.unparse(node)[:200], message=message)
`;

/** The judge: splits the tests into units (each assert counts), runs them against proxies, and reports verdicts. */
export const JUDGE_PROGRAM = `${PYTHON_CODEC}${PYTHON_CHANNEL}${String.raw`
import ast, builtins, importlib
_setup = json.loads(_requests.readline())
_tests, _entry = _setup['tests'], _setup.get('entry')
class CandidateError(Exception):
    """An exception the candidate raised that is no builtin one."""
class CandidateGone(Exception):
    """The candidate process ended (time limit, output limit, crash or exit)."""
_EXCEPTIONS = {n: c for n, c in vars(builtins).items() if isinstance(c, type) and issubclass(c, Exception)}
_SKIPPED_MODULES = {'this', 'antigravity', '__hello__', '__phello__', 'idlelib', 'turtle', 'turtledemo', 'tkinter'}
_remotes = {}
_calls = [0]
def _report(**fields):
    _send(fields)
def _handle_of(value):
    if type(value) is _Remote:
        return {'handle': [value._id]}
    if type(value) is type(sys):
        return {'module': value.__name__}
    raise TypeError('the tests pass a ' + type(value).__name__ + ' to the candidate, which only receives data')
def _import(name):
    if type(name) is not str or name.split('.')[0] not in sys.stdlib_module_names or name.split('.')[0] in _SKIPPED_MODULES:
        raise ValueError('not a stdlib module: ' + repr(name)[:80])
    return importlib.import_module(name)
def _resolve_name(tag, body):
    return _import(body) if tag == 'module' else _resolve(tag, body)
def _resolve(tag, body):
    if tag != 'handle' or type(body) is not list or len(body) != 3 or type(body[0]) is not int:
        raise ValueError('not a serialised value')
    if body[0] not in _remotes:
        _remotes[body[0]] = _Remote(body[0], str(body[2])[:60])
    return _remotes[body[0]]
def _copy_back(original, value):
    if type(original) is list and type(value) is list:
        original[:] = value
    elif type(original) in (dict, set) and type(value) is type(original):
        original.clear()
        original.update(value)
    elif type(original) is bytearray and type(value) is bytearray:
        original[:] = value
def _exchange(request):
    _calls[0] += 1
    request['id'] = _calls[0]
    _send(request)
    line = _requests.readline()
    reply = json.loads(line) if line else {'id': _calls[0], 'gone': 'no reply'}
    if type(reply) is not dict or reply.get('id') != _calls[0]:
        raise CandidateError('the candidate answered out of turn')
    if 'gone' in reply:
        raise CandidateGone(str(reply['gone'])[:200])
    if 'raised' in reply:
        raised = reply['raised'] if type(reply['raised']) is dict else {}
        kind = _EXCEPTIONS.get(raised.get('type'), CandidateError)
        # StopIteration ends only the candidate's own iterators: from a call it would silently end map()/filter() in all()
        if issubclass(kind, (StopIteration, StopAsyncIteration)) and request['op'] != 'next':
            kind = CandidateError
        raise kind(str(raised.get('message', ''))[:300])
    if 'failed' in reply:
        raise CandidateError(str(reply['failed'])[:300])
    return reply
def _call(op, target, args=(), kwargs=None, name=None):
    request = {'op': op, 'target': target, 'args': [_encode(a, _handle_of) for a in args]}
    if kwargs:
        request['kwargs'] = {str(k): _encode(v, _handle_of) for k, v in kwargs.items()}
    if name is not None:
        request['name'] = name
    reply = _exchange(request)
    mutated = reply.get('mutated')
    for key, value in (mutated.items() if type(mutated) is dict else ()):
        if type(key) is str and key.isdigit() and int(key) < len(args):
            _copy_back(args[int(key)], _decode(value, _resolve))
    return _decode(reply.get('ok'), _resolve)
class _Remote:
    """A value that lives in the candidate's process: it equals only itself, and every answer about it comes back as data."""
    __slots__ = ('_id', '_type')
    def __init__(self, ident, kind):
        object.__setattr__(self, '_id', ident)
        object.__setattr__(self, '_type', kind)
    def __call__(self, *args, **kwargs):
        return _call('call', self._id, args, kwargs)
    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        return _call('getattr', self._id, name=name)
    def __iter__(self):
        return _call('iter', self._id)
    def __next__(self):
        return _call('next', self._id)
    def __len__(self):
        size = _call('len', self._id)
        if type(size) is not int or size < 0:
            raise TypeError('len() of a candidate value is not a count')
        return size
    def __getitem__(self, key):
        return _call('getitem', self._id, (key,))
    def __bool__(self):
        return _call('bool', self._id) is True
    def __repr__(self):
        return '<candidate ' + self._type + '>'
${units}
try:
    _tree = ast.parse(_tests)
    _plan = _units(_tree)
except SyntaxError as error:
    _report(event='error', message='tests do not parse: ' + str(error))
    sys.exit(3)
_total = sum(1 for kind, node, _ in _plan if _counts(kind, node))
_report(event='total', total=_total)
try:
    _names = _exchange({'op': 'names'}).get('ok')
except Exception as error:
    _report(event='error', message='candidate code failed: ' + str(error))
    sys.exit(0)
_scope = {'__name__': '__tests__'}
# names the tests use as modules (math.isclose): a stdlib name among them is the judge's own module, whatever the candidate bound
_dotted = {n.value.id for n in ast.walk(_tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
for _name, _value in (_names.items() if type(_names) is dict else ()):
    if _name.startswith('__') or (_name != _entry and hasattr(builtins, _name)):
        continue
    try:
        _own = _name != _entry and _name in sys.stdlib_module_names and (_name in _dotted or type(_value) is dict and 'module' in _value)
        _scope[_name] = _import(_name) if _own else _decode(_value, _resolve_name)
    except Exception:
        pass
${runUnits}
_report(event='done')
`}`;
