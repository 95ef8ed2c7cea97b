"""Fine-tunes the learned verifier (issue #14): the mini's architecture and weights, taught to emit `+` (right) or `-`
(wrong) after a newline of a chain: after the answer line the outcome label (the task checker's), after a thinking
line the Monte-Carlo value of that prefix (reward_data.py). One GGUF serves as ORM and PRM.

Run:   /usr/bin/python3 training/reward_model.py --data=training/data/verifier-train.jsonl \
           --init=models/slowthink-mini.gguf --out_dir=training/checkpoints/verifier --export=models/slowthink-mini-verifier.gguf
Loss: binary cross-entropy of the two-way softmax over (`+`, `-`) at each labelled newline against its label in [0, 1]
(soft MC values stay soft), the outcome and step positions weighted alike. The runtime reads the same two-way ratio.
"""
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import override_globals  # noqa: E402

# ---------------------------------------------------------------- defaults (override with --key=value)
data = 'training/data/verifier-train.jsonl'   # comma-separated JSONL files of labelled chains
init = 'models/slowthink-mini.gguf'           # starting weights (GGUF or safetensors); '' = random init (tests only)
out_dir = 'training/checkpoints/verifier'
export = ''                                   # GGUF path to export to ('' = none)
name = 'slowthink-mini-verifier'
epochs = 3.0
batch_size = 32
learning_rate = 3e-4
warmup_steps = 20
weight_decay = 0.0
grad_clip = 1.0
step_weight = 1.0                             # loss weight of a process label next to an outcome label
val_share = 0.1                               # problems held out of training for the loss/AUC printed at the end
max_minutes = 30.0
threads = 1
seed = 1
log_every = 10
# random-init shape (only when init is empty)
dim = 32
n_layers = 1
n_heads = 2
# ----------------------------------------------------------------
settings = override_globals(globals(), sys.argv[1:])
random.seed(seed)
torch.manual_seed(seed)
torch.set_num_threads(threads)
from common import BOS, PAD, ROOT, encode, export_gguf, vocab  # noqa: E402
from model import ModelConfig, Transformer  # noqa: E402
from reward_format import BAD, GOOD, verifier_text  # noqa: E402
from reward_sampler import load_policy  # noqa: E402
from safetensors_io import save_safetensors  # noqa: E402

GOOD_ID, BAD_ID = encode(GOOD)[0], encode(BAD)[0]


def examples_of(row, context_length):
    """(token ids, [(position, target, weight, is outcome)]) of one labelled chain; labels past the context are dropped."""
    text, ends, outcome = verifier_text(row['prompt'], row['completion'])
    ids = [BOS] + encode(text)
    position_of = lambda index: len(encode(text[:index])) + 1  # noqa: E731  (the newline's token, BOS first)
    labels = [(position_of(ends[line]), float(value), step_weight, False) for line, value, *_ in row.get('steps', []) if line < len(ends)]
    if outcome is not None:
        labels.append((position_of(outcome), 1.0 if row['correct'] else 0.0, 1.0, True))
    labels = [label for label in labels if label[0] < context_length]
    return ids[:context_length], labels


def read_rows(paths):
    rows = []
    for path in paths.split(','):
        with open(os.path.join(ROOT, path) if not os.path.isabs(path) else path) as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return rows


def batches(items, size, shuffle):
    order = list(range(len(items)))
    if shuffle:
        random.shuffle(order)
    for start in range(0, len(order), size):
        yield [items[i] for i in order[start:start + size]]


def forward(network, chunk):
    """Two-way verdict logits (`+` minus `-`) and targets, weights, outcome flags at every label of a batch."""
    longest = max(len(ids) for ids, _ in chunk)
    idx = torch.full((len(chunk), longest), PAD, dtype=torch.long)
    for row, (ids, _) in enumerate(chunk):
        idx[row, :len(ids)] = torch.tensor(ids)  # right-padded: causal attention never looks at the pads
    logits, _ = network(idx)
    rows = [row for row, (_, labels) in enumerate(chunk) for _ in labels]
    positions = [label[0] for _, labels in chunk for label in labels]
    picked = logits[rows, positions].float()
    margin = picked[:, GOOD_ID] - picked[:, BAD_ID]
    targets = torch.tensor([label[1] for _, labels in chunk for label in labels])
    weights = torch.tensor([label[2] for _, labels in chunk for label in labels])
    outcome = torch.tensor([label[3] for _, labels in chunk for label in labels])
    return margin, targets, weights, outcome


def roc_auc(scores, labels):
    """Probability that a random positive outranks a random negative (ties count half)."""
    positives = [s for s, y in zip(scores, labels) if y]
    negatives = [s for s, y in zip(scores, labels) if not y]
    if not positives or not negatives:
        return float('nan')
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


@torch.no_grad()
def evaluate(network, items):
    network.eval()
    losses, scores, labels = [], [], []
    for chunk in batches(items, batch_size, False):
        margin, targets, weights, outcome = forward(network, chunk)
        losses += (F.binary_cross_entropy_with_logits(margin, targets, reduction='none') * weights).tolist()
        scores += torch.sigmoid(margin[outcome]).tolist()
        labels += (targets[outcome] > 0.5).tolist()
    network.train()
    return sum(losses) / max(1, len(losses)), roc_auc(scores, labels), len(labels)


# ---------------------------------------------------------------- data and model
if init:
    model = load_policy(init if os.path.isabs(init) else os.path.join(ROOT, init))
else:
    model = Transformer(ModelConfig(vocab_size=vocab['size'], dim=dim, n_layers=n_layers, n_heads=n_heads, ffn_hidden=3 * dim))
config = model.config
rows = read_rows(data)
questions = sorted({row['prompt'] for row in rows})
random.Random(seed).shuffle(questions)
held = set(questions[:int(len(questions) * val_share)])  # by problem, so a held-out question has no chain in training
train_items = [examples_of(row, config.context_length) for row in rows if row['prompt'] not in held]
val_items = [examples_of(row, config.context_length) for row in rows if row['prompt'] in held]
train_items = [item for item in train_items if item[1]]
val_items = [item for item in val_items if item[1]]
labels_count = sum(len(labels) for _, labels in train_items)
total_steps = max(1, math.ceil(len(train_items) / batch_size * epochs))
print(f'reward_model: {model.num_params() / 1e6:.2f} M params, {len(train_items)} chains ({labels_count} labels) to train, '
      f'{len(val_items)} held out, {total_steps} steps', flush=True)
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.99), weight_decay=weight_decay)


def rate(step):
    """Linear warmup, then cosine to a tenth."""
    if step < warmup_steps:
        return learning_rate * (step + 1) / warmup_steps
    progress = min(1.0, (step - warmup_steps) / max(1, total_steps - warmup_steps))
    return learning_rate * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


# ---------------------------------------------------------------- training loop
if val_items:
    loss, auc, count = evaluate(model, val_items)
    print(f'start: val loss {loss:.4f}, outcome AUC {auc:.3f} on {count} chains', flush=True)
started, step, running = time.time(), 0, []
model.train()
while step < total_steps and (time.time() - started) / 60 < max_minutes:
    for chunk in batches(train_items, batch_size, True):
        if step >= total_steps or (time.time() - started) / 60 >= max_minutes:
            break
        for group in optimizer.param_groups:
            group['lr'] = rate(step)
        margin, targets, weights, _ = forward(model, chunk)
        loss = (F.binary_cross_entropy_with_logits(margin, targets, reduction='none') * weights).sum() / weights.sum()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
        optimizer.step()
        step += 1
        running.append(loss.item())
        if step % log_every == 0 or step == total_steps:
            print(f'step {step} loss {sum(running) / len(running):.4f} lr {rate(step):.2e} {time.time() - started:.0f} s', flush=True)
            running = []
minutes = (time.time() - started) / 60
if val_items:
    loss, auc, count = evaluate(model, val_items)
    print(f'end: val loss {loss:.4f}, outcome AUC {auc:.3f} on {count} chains', flush=True)
os.makedirs(out_dir, exist_ok=True)
weights_path = os.path.join(out_dir, 'model.safetensors')
save_safetensors(weights_path, model.state_dict(), dict(config.to_dict(), name=name, step=step))
print(f'saved {weights_path} after {step} steps, {minutes:.1f} min', flush=True)
if export:
    export_gguf(out_dir, export if os.path.isabs(export) else os.path.join(ROOT, export))
    print(f'exported {export}', flush=True)
