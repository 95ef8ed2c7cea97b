"""The RL trainer's held-out monitor: greedy accuracy per task level on validation problems, which are neither training
nor evaluation problems, so keeping the best snapshot by it does not select on the figures the cards report."""
import torch


def validation_problems(ask, tasks, count, seed, training_questions):
    """Problems of the training pool's levels from another seed, minus any question the trainer can draw."""
    problems = ask({'op': 'problems', 'tasks': tasks, 'count': count, 'seed': seed})['problems']
    return [p for p in problems if p['question'] not in training_questions]


@torch.no_grad()
def validate(model, problems, ask, reward, encode, decode, bos, eos, pad, max_new, batch=64):
    """Greedy completions scored by the TypeScript checkers: {'task/Llevel': accuracy} and their unweighted mean."""
    model.eval()
    right, total = {}, {}
    for start in range(0, len(problems), batch):
        chunk = problems[start:start + batch]
        outputs = model.generate_greedy([[bos] + encode(p['question'] + '\n') for p in chunk], max_new, eos, pad)
        rows = [{'prompt': p['question'] + '\n', 'completion': decode(o), 'task': p['task']} for p, o in zip(chunk, outputs)]
        for problem, scored in zip(chunk, ask({'op': 'score', 'reward': reward, 'rows': rows})['rows']):
            key = f'{problem["task"]}/L{problem["level"]}'
            right[key] = right.get(key, 0) + int(bool(scored['correct']))
            total[key] = total.get(key, 0) + 1
    levels = {key: right[key] / total[key] for key in sorted(total)}
    return levels, sum(levels.values()) / max(len(levels), 1)
