/**
 * @module Python source both code-verifier programs share: the value codec (data as tagged JSON, everything else a
 * handle) and the private protocol channel. Design: python-harness.ts.
 */

/** Serialisation shared by both sides: `_encode(value, handle)` to JSON-able data, `_decode(data, resolve)` back. */
export const PYTHON_CODEC = String.raw`
import json, math, sys
_DATA_BASES = (int, float, str, bytes, list, tuple, dict, set, frozenset)
def _encode(value, handle, depth=0):
    if depth > 100:
        raise ValueError('nested too deeply')
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return value if -(1 << 63) < value < (1 << 63) else {'int': hex(value)}
    if kind is float:
        return value if math.isfinite(value) else {'float': repr(value)}
    if kind is list:
        return [_encode(item, handle, depth + 1) for item in value]
    if kind in (tuple, set, frozenset):
        return {kind.__name__: [_encode(item, handle, depth + 1) for item in value]}
    if kind is dict:
        return {'dict': [[_encode(k, handle, depth + 1), _encode(v, handle, depth + 1)] for k, v in value.items()]}
    if kind in (bytes, bytearray):
        return {kind.__name__: value.hex()}
    if kind is complex:
        return {'complex': [_encode(value.real, handle), _encode(value.imag, handle)]}
    if kind is getattr(sys.modules.get('fractions'), 'Fraction', None):
        return {'fraction': [hex(value.numerator), hex(value.denominator)]}
    if kind is getattr(sys.modules.get('decimal'), 'Decimal', None):
        return {'decimal': str(value)}
    for base in _DATA_BASES:
        if issubclass(kind, base):
            return _encode(base(value), handle, depth + 1)
    return handle(value)
def _items(body, resolve, depth):
    if type(body) is not list:
        raise ValueError('not a serialised value')
    return [_decode(item, resolve, depth + 1) for item in body]
def _decode(value, resolve, depth=0):
    if depth > 100:
        raise ValueError('nested too deeply')
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return _items(value, resolve, depth)
    if kind is not dict or len(value) != 1:
        raise ValueError('not a serialised value')
    (tag, body), = value.items()
    if tag == 'int' and type(body) is str:
        return int(body, 16)
    if tag == 'float' and body in ('nan', 'inf', '-inf'):
        return float(body)
    if tag == 'tuple':
        return tuple(_items(body, resolve, depth))
    if tag == 'set':
        return set(_items(body, resolve, depth))
    if tag == 'frozenset':
        return frozenset(_items(body, resolve, depth))
    if tag == 'dict':
        pairs = _items(body, resolve, depth)
        if any(type(pair) is not list or len(pair) != 2 for pair in pairs):
            raise ValueError('not a serialised value')
        return {k: v for k, v in pairs}
    if tag in ('bytes', 'bytearray') and type(body) is str:
        return (bytes if tag == 'bytes' else bytearray).fromhex(body)
    if tag == 'complex':
        real, imag = _items(body, resolve, depth)
        return complex(float(real), float(imag))
    if tag == 'fraction' and type(body) is list and len(body) == 2 and all(type(part) is str for part in body):
        from fractions import Fraction
        return Fraction(int(body[0], 16), int(body[1], 16))
    if tag == 'decimal' and type(body) is str:
        from decimal import Decimal
        return Decimal(body)
    if tag in ('handle', 'module'):
        return resolve(tag, body)
    raise ValueError('not a serialised value')
`;

/** Both programs keep a private copy of the channel fds and point 0/1 at /dev/null, so prints never touch the protocol. */
export const PYTHON_CHANNEL = String.raw`
import io, os
_requests = os.fdopen(os.dup(0), 'rb')
_channel = os.dup(1)
_null = os.open(os.devnull, os.O_RDWR)
os.dup2(_null, 0)
os.dup2(_null, 1)
os.close(_null)
sys.stdin = io.StringIO('')
sys.stdout = open(os.devnull, 'w')
def _send(message):
    data = (json.dumps(message) + '\n').encode()
    while data:
        data = data[os.write(_channel, data):]
`;
