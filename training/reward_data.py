"""Chains for the learned verifiers (issue #14): the mini's own samples, labelled by the task checkers, with per-step
values from Monte-Carlo rollouts (Math-Shepherd): the share of M continuations from a prefix that reach a correct answer.

Run:   /usr/bin/python3 training/reward_data.py --out=training/data/verifier-train.jsonl --max_minutes=20
       /usr/bin/python3 training/reward_data.py --split=eval --levels=arithmetic=4/5,countdown=2/3 --per_level=40 \
           --samples=64 --rollouts=0 --temperature=0.7 --out=training/data/verifier-eval.jsonl
Problems and labels come from `npx tsx scripts/measure-verifier-service.ts` (training problems exclude the evaluation
seed's; `--split=eval` draws exactly those). Python never checks an answer. One JSON line per chain:
{task, level, question, prompt, completion, correct, confidence, steps: [[line index, value, rollouts], ...]} (steps only where rolled out).
"""
import json
import os
import random
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import override_globals  # noqa: E402
from reward_format import chain_lines  # noqa: E402
from reward_sampler import answer_confidence, load_policy, sample_batch  # noqa: E402

# ---------------------------------------------------------------- defaults (override with --key=value)
policy = 'models/slowthink-mini.gguf'   # the GGUF whose chains are labelled (read back into PyTorch)
split = 'train'                         # 'train': training problems, levels weighted to where the policy is 20-80 % right; 'eval': the evaluation seed's
levels = 'arithmetic=2/3/4/5,countdown=1/2/3,physics=1/2/3,program-trace=1/3'
per_level = 300                         # problems per level (train: the pool drawn from; eval: the first N, each sampled `samples` times)
problem_seed = 5151                     # training problems (below the evaluation range; RL uses 4242)
samples = 1                             # chains per problem per draw (eval: 64)
problems_per_round = 48
rollout_chains = 12                     # chains per round whose steps get Monte-Carlo values (0 = outcome labels only)
rollout_steps = 4                       # at most this many lines of such a chain are valued (chosen at random)
rollouts = 4                            # M: continuations per valued prefix
temperature = 0.8
max_new = 400
max_minutes = 20.0                      # CPU minutes of this process (sampling); the wall clock may run longer on a busy machine
max_wall_minutes = 120.0
max_rounds = 100000
batch = 96                              # rows sampled at once
threads = 1
seed = 1
out = 'training/data/verifier-train.jsonl'
scorer = 'node_modules/.bin/tsx scripts/measure-verifier-service.ts'
# ----------------------------------------------------------------
settings = override_globals(globals(), sys.argv[1:])
random.seed(seed)
torch.manual_seed(seed)
torch.set_num_threads(threads)
from common import ROOT, json_service  # noqa: E402

ask, service = json_service(scorer, 'verifier service')


def score(rows):
    """Checker verdicts of (problem, completion) pairs: True when the answer is correct."""
    reply = ask({'op': 'score', 'rows': [{'prompt': p['question'] + '\n', 'completion': c, 'task': p['task']} for p, c in rows]})
    return [bool(r['correct']) for r in reply['rows']]


model = load_policy(os.path.join(ROOT, policy))
if split == 'eval':
    pool = ask({'op': 'eval-problems', 'tasks': levels, 'count': per_level})['problems']
else:
    pool = ask({'op': 'problems', 'tasks': levels, 'count': per_level, 'seed': problem_seed})['problems']
by_level = {}
for problem in pool:
    by_level.setdefault(f'{problem["task"]}/{problem["level"]}', []).append(problem)
tally = {key: [1, 2] for key in by_level}  # Beta(1,1) counts of correct / total per level: where the policy is unsure
print(f'reward_data: {split}, {len(pool)} problems in {len(by_level)} levels, T={temperature}, M={rollouts}', flush=True)


def pick():
    """Training: levels weighted by p(1-p) of their running pass rate; eval: the next problems in order."""
    keys = list(by_level)
    weights = [(c / n) * (1 - c / n) + 0.01 for c, n in (tally[k] for k in keys)]
    return [random.choice(by_level[random.choices(keys, weights)[0]]) for _ in range(problems_per_round)]


def rollout_values(chains):
    """Per chosen line of each chain: the share of `rollouts` continuations from the prefix ending at it that are correct."""
    jobs = []  # (chain index, line index, completion prefix)
    for index, chain in enumerate(chains):
        lines = chain_lines(chain['completion'])
        for line in sorted(random.sample(range(len(lines)), min(rollout_steps, len(lines)))):
            jobs.append((index, line, '<think>\n' + '\n'.join(lines[:line + 1]) + '\n'))
    prompts = [(chains[i]['problem'], prefix) for i, _, prefix in jobs for _ in range(rollouts)]
    continuations = sample_all([p['prompt'] + '\n' + prefix for p, prefix in prompts])
    verdicts = score([(p, prefix + text) for (p, prefix), text in zip(prompts, continuations)])
    for number, (index, line, _) in enumerate(jobs):
        share = sum(verdicts[number * rollouts:(number + 1) * rollouts]) / rollouts
        chains[index].setdefault('steps', []).append([line, share, rollouts])


def sample_all(texts, with_probabilities=False):
    """Samples one continuation of each text (BOS + text), `batch` rows at a time; returns the decoded new text."""
    outputs = []
    for start in range(0, len(texts), batch):
        outputs += sample_batch(model, texts[start:start + batch], max_new, temperature, with_probabilities)
    return outputs


started, written, rounds = time.time(), 0, 0
cursor = 0  # eval: the next problem of the pool
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, 'a') as handle:
    while rounds < max_rounds and time.process_time() / 60 < max_minutes and (time.time() - started) / 60 < max_wall_minutes:
        rounds += 1
        if split == 'eval':
            chosen = pool[cursor:cursor + max(1, problems_per_round // samples)]
            cursor += len(chosen)
            if not chosen:
                break
        else:
            chosen = pick()
        drawn = [p for p in chosen for _ in range(samples)]
        sampled = sample_all([p['prompt'] + '\n<think>\n' for p in drawn], True)
        completions = ['<think>\n' + text for text, _ in sampled]
        confidences = [answer_confidence(pieces) for _, pieces in sampled]
        verdicts = score(list(zip(drawn, completions)))
        chains = [{'problem': p, 'completion': c, 'correct': v, 'confidence': f} for p, c, v, f in zip(drawn, completions, verdicts, confidences)]
        for chain in chains:
            key = f'{chain["problem"]["task"]}/{chain["problem"]["level"]}'
            tally[key][0] += chain['correct']
            tally[key][1] += 1
        if rollouts > 0 and rollout_chains > 0:
            rollout_values(random.sample(chains, min(rollout_chains, len(chains))))
        for chain in chains:
            problem = chain['problem']
            row = {'task': problem['task'], 'level': problem['level'], 'question': problem['question'], 'prompt': problem['prompt'],
                   'completion': chain['completion'], 'correct': chain['correct'], 'confidence': chain['confidence'],
                   'steps': chain.get('steps', [])}
            handle.write(json.dumps(row) + '\n')
        handle.flush()
        written += len(chains)
        rates = ' '.join(f'{k}={c / n:.2f}' for k, (c, n) in tally.items())
        print(f'round {rounds}: {written} chains, {time.time() - started:.0f} s wall, {time.process_time():.0f} s CPU | {rates}', flush=True)
service.stdin.close()
