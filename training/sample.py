"""Greedy completions from a checkpoint, in fp32 (the reference side of the PyTorch vs node-llama-cpp parity test).

/usr/bin/python3 training/sample.py CHECKPOINT.safetensors PROMPTS.json MAX_NEW  -> prints JSON [[token ids], ...]
PROMPTS.json is a JSON array of prompt strings; each is encoded as BOS + characters (vocab from training/vocab.json).
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import ModelConfig, Transformer  # noqa: E402
from safetensors_io import load_safetensors  # noqa: E402
from common import BOS, EOS, PAD, encode  # noqa: E402

torch.set_num_threads(1)
checkpoint, prompts_path, max_new = sys.argv[1], sys.argv[2], int(sys.argv[3])
tensors, metadata = load_safetensors(checkpoint)
fields = ModelConfig().to_dict()
config = ModelConfig(**{key: type(fields[key])(float(metadata[key])) if isinstance(fields[key], int) else type(fields[key])(metadata[key])
                        for key in fields})
model = Transformer(config)
model.load_state_dict(tensors)
model.eval()


with open(prompts_path) as handle:
    prompts = json.load(handle)
outputs = model.generate_greedy([[BOS] + encode(p) for p in prompts], max_new, EOS, PAD)
print(json.dumps(outputs))
