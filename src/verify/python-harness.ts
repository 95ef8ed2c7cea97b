/**
 * @module The Python test harness sent into the sandbox: runs the candidate's code, then each assert of the tests on its
 * own (HumanEval `def check(candidate)` bodies are expanded), reporting each result as a nonce-tagged line.
 */

/** Name of the sandbox environment variable that carries the per-run nonce (read, then removed, before candidate code runs). */
export const NONCE_VARIABLE = 'SLOWTHINK_NONCE';

const harness = String.raw`
import ast, io, json, os, sys
_nonce = os.environ.pop('${NONCE_VARIABLE}', '')
_write = os.write
def _report(**fields):
    _write(1, ('\n' + _nonce + ' ' + json.dumps(fields) + '\n').encode())
_code = json.loads(__CODE__)
_tests = json.loads(__TESTS__)
_entry = json.loads(__ENTRY__)
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
try:
    _plan = _units(ast.parse(_tests))
except SyntaxError as error:
    _report(event='error', message='tests do not parse: ' + str(error))
    sys.exit(3)
_total = sum(1 for kind, node, _ in _plan if _counts(kind, node))
_report(event='total', total=_total)
_sink = io.StringIO()
sys.stdout = _sink
_scope = {'__name__': '__candidate__'}
try:
    exec(compile(_code, '<candidate>', 'exec'), _scope)
except BaseException as error:
    _report(event='error', message='candidate code failed: ' + type(error).__name__ + ': ' + str(error)[:300])
    sys.exit(0)
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
_report(event='done')
`;

/** Builds the harness program for a candidate's code and its tests; `entryPoint` names the function a bare `check` gets. */
export function buildPythonHarness(code: string, tests: string, entryPoint?: string): string {
  const literal = (value: unknown) => JSON.stringify(JSON.stringify(value));
  return harness
    .replace('__CODE__', () => literal(code))
    .replace('__TESTS__', () => literal(tests))
    .replace('__ENTRY__', () => literal(entryPoint ?? null));
}

/** One event the harness reported. */
export interface HarnessEvent {
  event: 'total' | 'test' | 'error' | 'setup-error' | 'done';
  total?: number;
  index?: number;
  passed?: boolean;
  source?: string;
  message?: string;
}

/** Reads the nonce-tagged events from the harness's stdout; untagged lines (the candidate's own prints) are ignored. */
export function parseHarnessEvents(stdout: string, nonce: string): HarnessEvent[] {
  const events: HarnessEvent[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(`${nonce} `)) continue;
    try {
      events.push(JSON.parse(line.slice(nonce.length + 1)) as HarnessEvent);
    } catch {
      // a torn line from a killed run
    }
  }
  return events;
}
