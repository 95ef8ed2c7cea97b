"""Batched temperature sampling from a GGUF policy read back into PyTorch, for the verifiers' chains and rollouts."""
import hashlib
import os
import subprocess

import torch

from common import BOS, EOS, PAD, ROOT, decode, encode
from model import ModelConfig, Transformer
from safetensors_io import load_safetensors


def load_safetensors_model(path):
    """A Transformer from safetensors written by the trainers or import-gguf.ts (config in the metadata)."""
    tensors, metadata = load_safetensors(path)
    defaults = ModelConfig().to_dict()
    config = ModelConfig(**{k: type(v)(float(metadata[k])) if isinstance(v, int) else type(v)(metadata[k]) for k, v in defaults.items()})
    model = Transformer(config)
    model.load_state_dict(tensors)
    return model


def load_policy(path):
    """Loads a GGUF (converted once to /tmp by src/models/gguf/import-gguf.ts) or a safetensors checkpoint."""
    if path.endswith('.safetensors'):
        return load_safetensors_model(path)
    with open(path, 'rb') as handle:
        digest = hashlib.sha1(handle.read()).hexdigest()[:12]
    converted = f'/tmp/slowthink-policy-{digest}.safetensors'
    if not os.path.exists(converted):
        command = [os.path.join(ROOT, 'node_modules/.bin/tsx'), os.path.join(ROOT, 'src/models/gguf/import-gguf.ts'), path, converted + '.tmp']
        subprocess.run(command, check=True, cwd=ROOT)
        os.replace(converted + '.tmp', converted)
    model = load_safetensors_model(converted)
    model.eval()
    return model


@torch.no_grad()
def sample_batch(model, texts, max_new, temperature, with_probabilities=False):
    """One sampled continuation per text (the model sees BOS + text); returns the new text of each, EOS excluded, and
    with_probabilities also each new token's text and probability under the sampling distribution (the runtime's confidence)."""
    prompts = [[BOS] + encode(text) for text in texts]
    logits, caches, position, valid = model.prefill(prompts, PAD)
    new_ids = [[] for _ in texts]
    chosen = [[] for _ in texts]  # probability of each sampled token
    rows = list(range(len(texts)))  # batch slot -> text index; rows leave the batch when they end
    last = logits[:, -1, :]
    for _ in range(max_new):
        distribution = torch.softmax(last.float() / max(temperature, 1e-4), dim=-1)
        token = torch.multinomial(distribution, 1)[:, 0]
        probabilities = distribution.gather(1, token[:, None])[:, 0].tolist()
        alive = []
        for slot, value in enumerate(token.tolist()):
            if value != EOS and int(position[slot]) < model.config.context_length - 1:
                new_ids[rows[slot]].append(value)
                chosen[rows[slot]].append(probabilities[slot])
                alive.append(slot)
        if not alive:
            break
        rows = [rows[slot] for slot in alive]  # the batch and its cache shrink to the rows still writing
        logits, position, valid = model.decode_step(token, position, valid, caches, alive)
        last = logits[:, -1, :]
    if with_probabilities:
        return [(decode(ids), [(decode([i]), p) for i, p in zip(ids, ps)]) for ids, ps in zip(new_ids, chosen)]
    return [decode(ids) for ids in new_ids]


def answer_confidence(pieces):
    """Mean probability of the tokens after `A: ` on the line after `</think>` (as the runtime's answerConfidence); None without one."""
    text = ''.join(piece for piece, _ in pieces)
    close = text.find('</think>')
    start = text.find('A: ', close) if close >= 0 else -1
    if start < 0:
        return None
    start += 3
    offset, picked = 0, []
    for piece, probability in pieces:
        if offset >= start:
            picked.append(probability)
        offset += len(piece)
    return sum(picked) / len(picked) if picked else None
