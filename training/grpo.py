"""The GRPO pieces rl.py uses, pure so they can be tested alone: advantages, which rollouts train, and the loss."""
import torch


def group_advantages(rewards):
    """rewards (groups, G) -> reward minus the group mean (Dr. GRPO: no division by the std, which favours easy groups)."""
    return rewards - rewards.mean(1, keepdim=True)


def trainable_rows(rewards, finished, mask_overlong=True):
    """Flat bool per rollout: its group's rewards differ (dynamic sampling), and it ended with EOS unless masking is off."""
    keep = (rewards.std(1) > 1e-6).repeat_interleave(rewards.shape[1])
    if mask_overlong:
        keep &= torch.as_tensor(finished, dtype=torch.bool)
    return keep


def policy_loss(new, old, ref, advantages, mask, normaliser, clip_low=0.2, clip_high=0.28, kl_coef=0.0):
    """Token-level clipped surrogate summed over completion tokens and divided by a constant (no length bias), plus
    kl_coef times the mean k3 KL to the reference. new/old/ref are (rows, T) log-probs; advantages (rows, 1). Returns (loss, kl)."""
    ratio = torch.exp(new - old)
    surrogate = torch.minimum(ratio * advantages, ratio.clamp(1 - clip_low, 1 + clip_high) * advantages)
    kl = torch.exp(ref - new) - (ref - new) - 1  # k3 estimator: unbiased and never negative
    mean_kl = (kl * mask).sum() / mask.sum().clamp(min=1.0)
    return -(surrogate * mask).sum() / normaliser + kl_coef * mean_kl, mean_kl


def expert_rows(correct, per_problem):
    """Expert iteration (ReST-EM): flat bool per rollout, the first `per_problem` correct rollouts of each group; only
    these train, with advantage 1, so no wrong chain is pushed down. correct is (groups, G) of 0/1."""
    keep = torch.zeros_like(correct, dtype=torch.bool)
    for g in range(correct.shape[0]):
        chosen = [i for i in range(correct.shape[1]) if correct[g, i] > 0][:per_problem]
        keep[g, chosen] = True
    return keep.view(-1)
