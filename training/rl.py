"""GRPO with verifiable rewards from the TypeScript checkers (issue #13): group-relative advantages, clipped ratio,
token-level loss, with DAPO / Dr. GRPO fixes (uniform groups dropped, no length normalisation, overlong samples masked).

Run:   /usr/bin/python3 training/rl.py --init=START.safetensors --out_dir=training/checkpoints/mini-rl --max_minutes=60
Rewards and problems come from `npx tsx src/tasks/score-service.ts` (JSON lines over a pipe); Python never checks answers.
Output: out_dir/ckpt.pt (resumable, written atomically), out_dir/model.safetensors, snapshots/, and with --export a GGUF.
"""
import json
import math
import os
import random
import shutil
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import ModelConfig, Transformer  # noqa: E402
from grpo import expert_rows, group_advantages, policy_loss, trainable_rows  # noqa: E402
from safetensors_io import load_safetensors, save_safetensors  # noqa: E402
from common import override_globals  # noqa: E402
from validation import validate, validation_problems  # noqa: E402

# ---------------------------------------------------------------- defaults (override with --key=value)
init = ''                      # starting weights (safetensors with config metadata); '' = random init (tests only)
out_dir = 'training/checkpoints/rl'
export = ''
name = 'slowthink'
tasks = 'arithmetic=2/3/4/5,countdown=1/2/3'   # curriculum pool (train rl passes RL_TASKS) (TS generators, evaluation problems excluded)
problems_per_level = 400
problem_seed = 4242
reward = 'task'                # 'task': the task checkers; 'digits': share of digit characters (smoke test only)
algorithm = 'grpo'             # 'grpo'; 'expert': expert iteration (ReST-EM), cross-entropy on correct rollouts only
expert_per_problem = 2         # expert: at most this many correct rollouts of a group train
scorer = 'npx tsx src/tasks/score-service.ts'
group_size = 8
groups_per_step = 8            # informative groups (rewards differ) per update
max_sampling_rounds = 3        # DAPO dynamic sampling: roll out more groups until groups_per_step informative ones, at most this many rounds
max_new = 400                  # longer rollouts are overlong: scored, but masked out of the loss
temperature = 1.0
mask_overlong = True           # DAPO overlong filtering (off only for the smoke test's 8-token rollouts)
learning_rate = 2e-4           # 1e-5 left the KL at 0.0000 after 3 steps; 5e-5 moved the mini's greedy arithmetic L4-5 by ~1 point in 90 steps
clip_low = 0.2
clip_high = 0.28               # DAPO clip-higher
updates_per_batch = 1          # >1: reuse a batch, and the clipped ratio matters
kl_coef = 0.0                  # KL to the starting weights (k3 estimator); always measured, added to the loss if > 0
grad_clip = 1.0
max_steps = 100000
max_minutes = 60.0
threads = 1                    # rollouts are bound by the per-token Python loop: 1 thread sampled as fast as 2 (ADR 0007)
bf16 = True                    # bf16 autocast for the loss passes (as train.py); rollouts stay fp32
seed = 1
log_every = 1
save_every = 10
snapshots = True               # also keep out_dir/snapshots/step-N.safetensors (step 0 = the start) for the train-time curve
base_flops = 0.0               # training compute already in the starting weights (SFT), so the curve's x axis is cumulative
resume = True
monitor_every = 10             # greedy accuracy on validation problems every N steps (0: off); the best snapshot is kept
monitor_count = 50             # validation problems per task level (seed monitor_seed, never a training or evaluation problem)
monitor_seed = 777
export_best = True             # --export writes the best-validated weights (step 0 = the start when RL never beat it)
# random-init shape (only when init is empty)
dim = 32
n_layers = 1
n_heads = 2
# ----------------------------------------------------------------
settings = override_globals(globals(), sys.argv[1:])
if algorithm not in ('grpo', 'expert'):
    sys.exit(f'--algorithm must be grpo or expert, not {algorithm}')
if group_size < 2:
    sys.exit('--group_size must be at least 2: a group of one has no baseline, so every advantage is zero')

torch.manual_seed(seed)
random.seed(seed)
torch.set_num_threads(threads)
os.makedirs(out_dir, exist_ok=True)
# The vocabulary and export, imported after the overrides so that their constants are no options.
from common import BOS, EOS, PAD, decode, encode, export_gguf, json_service, vocab  # noqa: E402

# ---------------------------------------------------------------- the TypeScript scoring service
ask, service = json_service(scorer, 'scoring service')


problems = ask({'op': 'problems', 'tasks': tasks, 'count': problems_per_level, 'seed': problem_seed})['problems']
buckets = {}
for problem in problems:
    buckets.setdefault(f'{problem["task"]}/L{problem["level"]}', []).append(problem)
validation_set = validation_problems(ask, tasks, monitor_count, monitor_seed, {p['question'] for p in problems}) if monitor_every > 0 else []

# ---------------------------------------------------------------- model, reference, optimiser
if init:
    tensors, metadata = load_safetensors(init)
    config = ModelConfig.from_metadata(metadata)
else:
    tensors, config = None, ModelConfig(vocab_size=vocab['size'], dim=dim, n_layers=n_layers, n_heads=n_heads, ffn_hidden=3 * dim)
model = Transformer(config)
if tensors is not None:
    model.load_state_dict(tensors)
reference = Transformer(config)
reference.load_state_dict(model.state_dict())
reference.eval()
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.99), weight_decay=0.0)
step, elapsed_before, rl_flops = 0, 0.0, 0.0
best_validation, best_step = -1.0, -1  # the monitor's best mean accuracy so far, and the step of best.safetensors
pass_rate = {key: 0.5 for key in buckets}  # EMA per task level: the curriculum's view of what is learnable now
checkpoint_path = os.path.join(out_dir, 'ckpt.pt')
if resume and os.path.exists(checkpoint_path):
    state = torch.load(checkpoint_path)
    model.load_state_dict(state['model'])
    reference.load_state_dict(state['reference'])
    optimizer.load_state_dict(state['optimizer'])
    step, elapsed_before, pass_rate = state['step'], state['elapsed'], state['pass_rate']
    rl_flops = state.get('rl_flops', 0.0)
    best_validation, best_step = state.get('best_validation', -1.0), state.get('best_step', -1)
    random.setstate(state['python_rng'])
    torch.set_rng_state(state['torch_rng'])
    print(f'resumed from step {step}', flush=True)
print(f'rl: {model.num_params() / 1e6:.2f} M params, {len(problems)} problems in {len(buckets)} levels, '
      f'G={group_size} x {groups_per_step} groups, max_new={max_new}, reward={reward}, algorithm={algorithm}, '
      f'{len(validation_set)} validation problems', flush=True)


def pick_problems():
    """Curriculum: levels weighted by p(1-p) of their pass rate, so all-solved and never-solved levels fade out."""
    keys = list(buckets)
    weights = [pass_rate[k] * (1 - pass_rate[k]) + 0.02 for k in keys]
    return [random.choice(buckets[random.choices(keys, weights)[0]]) for _ in range(groups_per_step)]


@torch.no_grad()
def sample(prompts):
    """Batched temperature sampling with a KV cache; returns (new ids, finished with EOS) per row."""
    B = len(prompts)
    logits, caches, next_position, key_valid = model.prefill(prompts, PAD)
    outputs, finished = [[] for _ in range(B)], [False] * B
    active = list(range(B))  # rows still generating; finished rows leave the batch and its KV cache
    for _ in range(max_new):
        probabilities = torch.softmax(logits[:, -1, :].float() / temperature, dim=-1)
        token = torch.multinomial(probabilities, 1)[:, 0]
        keep = []
        for slot, (row, value) in enumerate(zip(active, token.tolist())):
            if value == EOS:
                finished[row] = True
            else:
                outputs[row].append(value)
                keep.append(slot)
        if not keep or int(next_position.max()) + 1 >= config.context_length:
            break
        active = [active[slot] for slot in keep]
        logits, next_position, key_valid = model.decode_step(token, next_position, key_valid, caches, keep)
    return outputs, finished


def token_logprobs(network, x, y):
    with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
        logits, _ = network(x)
    return torch.log_softmax(logits.float(), dim=-1).gather(-1, y[..., None])[..., 0]


def save():
    state = {'model': model.state_dict(), 'reference': reference.state_dict(), 'optimizer': optimizer.state_dict(), 'step': step,
             'elapsed': elapsed, 'pass_rate': pass_rate, 'python_rng': random.getstate(), 'torch_rng': torch.get_rng_state(),
             'config': config.to_dict(), 'settings': settings, 'rl_flops': rl_flops,
             'best_validation': best_validation, 'best_step': best_step}
    torch.save(state, checkpoint_path + '.tmp')
    os.replace(checkpoint_path + '.tmp', checkpoint_path)  # atomic: a kill -9 mid-save leaves the previous snapshot whole
    weights = os.path.join(out_dir, 'model.safetensors')
    write_weights(weights)
    if snapshots:
        snapshot(weights)


def write_weights(path):
    """The policy as safetensors, with the training compute behind it (`flops`: SFT's plus RL's, rollouts included)."""
    save_safetensors(path + '.tmp', model.state_dict(), dict(config.to_dict(), name=name, step=step, flops=base_flops + rl_flops, rl_flops=rl_flops))
    os.replace(path + '.tmp', path)


def snapshot(written=None):
    """Keeps out_dir/snapshots/step-N.safetensors: `npm run bench:train-curve -- --run NAME=out_dir/snapshots` draws them.
    `written`: the same weights just saved elsewhere, copied instead of serialised twice."""
    os.makedirs(os.path.join(out_dir, 'snapshots'), exist_ok=True)
    path = os.path.join(out_dir, 'snapshots', f'step-{step}.safetensors')
    if written:
        shutil.copyfile(written, path)
    else:
        write_weights(path)


def monitor():
    """Greedy accuracy on the validation problems; a new best is kept as out_dir/best.safetensors. Returns the metrics fields."""
    global best_validation, best_step
    levels, mean = validate(model, validation_set, ask, reward, encode, decode, BOS, EOS, PAD, max_new)
    if mean > best_validation:
        best_validation, best_step = mean, step
        write_weights(os.path.join(out_dir, 'best.safetensors'))
    print(f'validation step {step}: {mean * 100:.1f}% (best {best_validation * 100:.1f}% at step {best_step}) '
          + ' '.join(f'{key} {value * 100:.0f}%' for key, value in levels.items()), flush=True)
    return {'validation': levels, 'validation_mean': mean, 'best_step': best_step}


# ---------------------------------------------------------------- training loop
parameters = model.num_params()
metrics_path = os.path.join(out_dir, 'metrics.jsonl')  # one JSON line per step: what the RL curves are drawn from
if os.path.exists(metrics_path):  # after a resume, the steps past the snapshot are redone: their old lines go
    with open(metrics_path) as handle:
        kept = [line for line in handle if line.strip() and json.loads(line)['step'] <= step]
    with open(metrics_path, 'w') as handle:
        handle.writelines(kept)
started, elapsed = time.time(), elapsed_before
if step == 0 and snapshots and not os.path.exists(os.path.join(out_dir, 'snapshots', 'step-0.safetensors')):
    snapshot()  # the starting point of the curve (no ckpt.pt: a kill before step 1 starts afresh)
if step == 0 and validation_set:
    start_validation = monitor()  # the start is a candidate: RL that never beats it exports the starting weights
    with open(metrics_path, 'w') as handle:
        handle.write(json.dumps({'step': 0, 'flops': base_flops + rl_flops, 'rl_flops': rl_flops, 'minutes': 0.0, **start_validation}) + '\n')
while True:
    elapsed = elapsed_before + time.time() - started
    if step >= max_steps or elapsed / 60 >= max_minutes:
        break
    step_started = time.time()
    # Dynamic sampling (DAPO): groups whose rollouts all score alike carry no signal; roll out fresh problems until
    # groups_per_step informative groups are in hand (or max_sampling_rounds rounds), so each update has a full batch.
    prompts, outputs, finished, group_rewards, group_correct, kept_groups = [], [], [], [], [], []
    rollout_seconds, rollout_tokens, all_rewards, all_correct, rounds = 0.0, 0, [], [], 0
    all_self_checks_of_step, all_lengths_of_step = [], []  # every rollout of the step: thinking length and self-checks
    while len(kept_groups) < groups_per_step and rounds < max_sampling_rounds:
        rounds += 1
        chosen = pick_problems()
        round_prompts = [[BOS] + encode(p['question'] + '\n') for p in chosen for _ in range(group_size)]
        model.eval()
        round_started = time.time()
        round_outputs, round_finished = sample(round_prompts)
        rollout_seconds += time.time() - round_started
        rollout_tokens += sum(len(o) for o in round_outputs)
        rl_flops += 2 * parameters * sum(len(p) + len(o) for p, o in zip(round_prompts, round_outputs))  # forward passes
        texts = [decode(o) for o in round_outputs]
        all_lengths_of_step += [len(o) for o in round_outputs]
        scored = ask({'op': 'score', 'reward': reward, 'rows': [{'prompt': p['question'] + '\n', 'completion': t, 'task': p['task']}
                                                                 for p, t in zip([c for c in chosen for _ in range(group_size)], texts)]})['rows']
        rewards = torch.tensor([float(r['reward']) for r in scored]).view(len(chosen), group_size)
        correct = torch.tensor([bool(r['correct']) for r in scored], dtype=torch.float).view(len(chosen), group_size)
        all_self_checks_of_step += [bool(r.get('selfCheck')) for r in scored]
        all_rewards.append(rewards)
        all_correct.append(correct)
        for problem, rate in zip(chosen, correct.mean(1).tolist()):
            key = f'{problem["task"]}/L{problem["level"]}'
            pass_rate[key] = 0.9 * pass_rate[key] + 0.1 * rate
        for g in range(len(chosen)):
            # GRPO learns from any reward difference; expert iteration from groups the model sometimes solves.
            signal = rewards[g] if algorithm == 'grpo' else correct[g]
            if len(kept_groups) >= groups_per_step or float(signal.std()) <= 1e-6:
                continue
            kept_groups.append(g)
            rows_of_group = range(g * group_size, (g + 1) * group_size)
            prompts += [round_prompts[i] for i in rows_of_group]
            outputs += [round_outputs[i] for i in rows_of_group]
            finished += [round_finished[i] for i in rows_of_group]
            group_rewards.append(rewards[g])
            group_correct.append(correct[g])
    rewards = torch.cat(all_rewards)  # every rollout of the step, for the logged reward and pass rate
    correct = torch.cat(all_correct)
    if group_rewards and algorithm == 'grpo':
        kept_rewards = torch.stack(group_rewards)
        advantages = group_advantages(kept_rewards)
        keep = trainable_rows(kept_rewards, finished, mask_overlong)
        flat_advantages = advantages.view(-1)
        rows = [i for i in range(len(prompts)) if keep[i]]
    elif group_rewards:
        keep = expert_rows(torch.stack(group_correct), expert_per_problem)
        if mask_overlong:
            keep &= torch.as_tensor(finished, dtype=torch.bool)
        flat_advantages = torch.ones(len(prompts))
        rows = [i for i in range(len(prompts)) if keep[i]]
    else:
        rows = []
    kl_value, loss_value = 0.0, 0.0
    if rows:
        width = max(len(prompts[i]) + len(outputs[i]) + int(finished[i]) for i in rows) - 1
        x = torch.full((len(rows), width), PAD, dtype=torch.long)
        y = torch.full((len(rows), width), PAD, dtype=torch.long)
        m = torch.zeros((len(rows), width))
        for r, i in enumerate(rows):
            ids = prompts[i] + outputs[i] + ([EOS] if finished[i] else [])  # an overlong row never chose to stop
            x[r, :len(ids) - 1], y[r, :len(ids) - 1] = torch.tensor(ids[:-1]), torch.tensor(ids[1:])
            m[r, len(prompts[i]) - 1:len(ids) - 1] = 1.0
        a = flat_advantages[rows][:, None]
        # Dr. GRPO: a constant, so long and short answers weigh per token alike; expert iteration: the mean token cross-entropy.
        normaliser = groups_per_step * group_size * (max_new + 1) if algorithm == 'grpo' else float(m.sum())
        model.train()
        with torch.no_grad():
            old = token_logprobs(model, x, y) if updates_per_batch > 1 else None  # one update: old is new, detached
            ref = token_logprobs(reference, x, y)
        for _ in range(updates_per_batch):
            new = token_logprobs(model, x, y)
            old = new.detach() if old is None else old
            loss, kl = policy_loss(new, old, ref, a, m, normaliser, clip_low, clip_high, kl_coef)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip)
            optimizer.step()
        kl_value, loss_value = float(kl), float(loss)
        rl_flops += (2 + 6 * updates_per_batch) * parameters * len(rows) * width  # reference forward, policy forward + backward
    step += 1
    validation_fields = monitor() if validation_set and step % monitor_every == 0 else {}
    self_checks = sum(all_self_checks_of_step) / max(len(all_self_checks_of_step), 1)
    mean_length = sum(all_lengths_of_step) / max(len(all_lengths_of_step), 1)
    with open(metrics_path, 'a') as handle:
        handle.write(json.dumps({'step': step, 'reward': float(rewards.mean()), 'pass': float(correct.mean()), 'kl': kl_value,
                                 'loss': loss_value, 'mean_length': mean_length, 'self_check_rate': self_checks,
                                 'kept_groups': len(kept_groups), 'rounds': rounds, 'rows': len(rows), 'rl_flops': rl_flops,
                                 'flops': base_flops + rl_flops, 'minutes': (elapsed_before + time.time() - started) / 60,
                                 'pass_rate': pass_rate, **validation_fields}) + '\n')
    if step % log_every == 0:
        step_seconds = time.time() - step_started
        print(f'step {step} reward {rewards.mean():.3f} pass {correct.mean() * 100:.1f}% groups {len(kept_groups)}/{rewards.shape[0]} '
              f'in {rounds} rounds, rows {len(rows)} len {mean_length:.0f} checks {self_checks * 100:.0f}% overlong {len(prompts) - sum(finished)} kl {kl_value:.4f} | '
              f'rollout {rollout_tokens / max(rollout_seconds, 1e-9):,.0f} tok/s, {step_seconds:.2f} s/step | '
              f'{(elapsed_before + time.time() - started) / 60:.1f} min', flush=True)
    if step % save_every == 0:
        elapsed = elapsed_before + time.time() - started
        save()

elapsed = elapsed_before + time.time() - started
save()
service.stdin.close()
service.wait()
print(f'done: {step} steps in {elapsed / 60:.1f} min', flush=True)
if export:
    best = os.path.join(out_dir, 'best.safetensors')
    chosen = best if export_best and os.path.exists(best) else os.path.join(out_dir, 'model.safetensors')
    print(f'exporting {chosen}' + (f' (validation {best_validation * 100:.1f}% at step {best_step})' if chosen == best else ''), flush=True)
    export_gguf(out_dir, export, chosen)
