"""Setup the trainers share (train.py, rl.py, sample.py): --key=value overrides, the vocabulary TypeScript writes, the GGUF export.

The vocabulary is training/vocab.json, generated from src/models/gguf/vocab.ts: characters by id, unknown characters as
UTF-8 byte tokens. Nothing here imports from src/; the export runs the TypeScript exporter as a process.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def override_globals(namespace, arguments):
    """Applies --key=value arguments to a script's flat defaults, type-checked against them; returns the settings."""
    keys = [k for k, v in list(namespace.items()) if not k.startswith('_') and isinstance(v, (int, float, bool, str))]
    for argument in arguments:
        key, _, value = argument.lstrip('-').partition('=')
        if key not in keys:
            sys.exit(f'unknown option --{key}; known: {", ".join(keys)}')
        default = namespace[key]
        namespace[key] = value.lower() in ('1', 'true', 'yes', '') if isinstance(default, bool) else type(default)(value)
    return {k: namespace[k] for k in keys}


with open(os.path.join(ROOT, 'training', 'vocab.json')) as _handle:
    vocab = json.load(_handle)
BOS, EOS, PAD = vocab['bos'], vocab['eos'], vocab['pad']
_char_to_id, _first_byte = vocab['char_to_id'], vocab['first_byte_id']


def encode(text):
    """Token ids of text: one per known character, UTF-8 bytes for the others (no BOS)."""
    ids = []
    for character in text:
        ids.extend([_char_to_id[character]] if character in _char_to_id else [_first_byte + b for b in character.encode('utf-8')])
    return ids


def decode(ids):
    """Text of token ids; special tokens (ids below 4) are dropped, byte tokens joined back into UTF-8."""
    out = bytearray()
    for i in ids:
        if _first_byte <= i < _first_byte + 256:
            out.append(i - _first_byte)
        elif i >= 4:
            out.extend(vocab['tokens'][i].replace('\u2581', ' ').encode('utf-8'))
    return out.decode('utf-8', errors='replace')


def json_service(command, what):
    """Starts a JSON-lines process in the repository root (one request line, one reply line each; the TypeScript
    checkers' services) and returns (ask, process); a reply with `error` ends the script, naming `what`."""
    process = subprocess.Popen(command.split(), cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(request):
        process.stdin.write(json.dumps(request) + '\n')
        process.stdin.flush()
        reply = json.loads(process.stdout.readline() or '{"error": "the service exited"}')
        if 'error' in reply:
            sys.exit(f'{what}: {reply["error"]}')
        return reply

    return ask, process


def export_gguf(out_dir, path, weights=None):
    """Writes `weights` (default out_dir/model.safetensors) as an F16 GGUF at path with the TypeScript exporter."""
    source = weights or os.path.join(out_dir, 'model.safetensors')
    command = ['npx', 'tsx', os.path.join(ROOT, 'scripts/export-gguf.ts'), source, path, 'F16']
    subprocess.run(command, check=True, cwd=ROOT)
