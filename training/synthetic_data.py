"""Writes a small synthetic addition dataset in the slowthink format (for smoke tests that must not depend on src/tasks).

/usr/bin/python3 training/synthetic_data.py OUT.jsonl [N] [SEED]
"""
import json
import random
import sys

out, n, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4000, int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
with open(out, 'w') as handle:
    for _ in range(n):
        a, b = rng.randrange(100), rng.randrange(100)
        thinking = f'{a}+{b} = {a + b}\n'
        handle.write(json.dumps({'prompt': f'What is {a}+{b}?\n', 'completion': f'<think>\n{thinking}</think>\nA: {a + b}',
                                 'kind': 'solve', 'task': 'arithmetic', 'level': 1}) + '\n')
