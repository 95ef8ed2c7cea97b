/** @module The Python side of program tracing: a sandboxed loop that runs programs under `sys.settrace` and reports their states. */

/**
 * Reads one JSON request per line (`{"programs": [...], "maxEvents": N, "timeoutSeconds": S, "isolate": bool}`) and
 * writes one JSON line with a result per program. With `isolate` each program runs in a forked child, so nothing it
 * does to builtins or modules reaches the next one (questions from users); without, in a fresh scope of the loop's own
 * process (the generator's programs, 20x faster). A program runs at module level, traced line by line: for every executed line of the program, its number, the
 * variables before it ran, and the output printed so far. A program that raises, runs past `maxEvents` line events or
 * past the time limit, or that prints more than 10000 characters, reports an error instead.
 */
export const TRACE_HARNESS = String.raw`
import io, json, os, signal, sys
MAX_OUTPUT = 10000

def snapshot(scope):
    state = []
    for name, value in scope.items():
        if name.startswith('__'):
            continue
        if type(value) is int:
            state.append([name, value])
        elif type(value) is list and all(type(item) is int for item in value):
            state.append([name, list(value)])
    return state

def run_one(source, max_events, seconds):
    out = io.StringIO()
    events = []
    scope = {'__name__': '__main__'}
    class Limit(Exception):
        pass
    def local(frame, event, arg):
        if event == 'line' and frame.f_code.co_name == '<module>':
            if len(events) >= max_events:
                raise Limit('more than %d steps' % max_events)
            if out.tell() > MAX_OUTPUT:
                raise Limit('printed more than %d characters' % MAX_OUTPUT)
            events.append([frame.f_lineno, snapshot(scope), len(out.getvalue())])
        return local
    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename == '<program>' and frame.f_code.co_name == '<module>' else None
    def on_alarm(signum, frame):
        raise Limit('ran past %s s' % seconds)
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        code = compile(source, '<program>', 'exec')
        sys.stdout = out
        sys.settrace(tracer)
        try:
            exec(code, scope)
        finally:
            sys.settrace(None)
            sys.stdout = sys.__stdout__
    except BaseException as error:
        return {'ok': False, 'error': '%s: %s' % (type(error).__name__, error)}
    finally:
        signal.alarm(0)
    text = out.getvalue()
    if len(text) > MAX_OUTPUT:
        return {'ok': False, 'error': 'Limit: printed more than %d characters' % MAX_OUTPUT}
    steps = []
    for index, (line, _, start) in enumerate(events):
        after = events[index + 1] if index + 1 < len(events) else [0, snapshot(scope), len(text)]
        steps.append({'line': line, 'state': after[1], 'printed': text[start:after[2]]})
    return {'ok': True, 'output': text, 'steps': steps}

def run_forked(source, max_events, seconds):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            result = run_one(source, max_events, seconds)
        except BaseException as error:
            result = {'ok': False, 'error': 'HarnessError: %s' % error}
        data = json.dumps(result).encode()
        with os.fdopen(write_end, 'wb') as pipe:
            pipe.write(data)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, 'rb') as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        return json.loads(data)
    except ValueError:
        return {'ok': False, 'error': 'the program ended the process'}

for request_line in sys.stdin:
    request = json.loads(request_line)
    run = run_forked if request['isolate'] else run_one
    results = [run(source, request['maxEvents'], request['timeoutSeconds']) for source in request['programs']]
    sys.__stdout__.write(json.dumps(results) + '\n')
    sys.__stdout__.flush()
`;
