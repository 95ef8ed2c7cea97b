"""A small llama in plain PyTorch: RMSNorm pre-norm, interleaved (GPT-J/Meta) RoPE, SwiGLU, no biases, untied output.

Parameter names follow Meta's llama (tok_embeddings, layers.N.attention.wq, ...), which
src/models/gguf/llama-gguf.ts maps 1:1 onto llama.cpp's GGUF names; interleaved RoPE needs no permutation.
"""
from dataclasses import dataclass, asdict
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int = 356
    dim: int = 128
    n_layers: int = 4
    n_heads: int = 4
    ffn_hidden: int = 384  # SwiGLU hidden size (3 * dim keeps params ~ a 4*dim GELU MLP's 2/3... close enough)
    context_length: int = 512
    norm_eps: float = 1e-5
    rope_theta: float = 10000.0

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_metadata(cls, metadata):
        """The config saved in a safetensors file's metadata (every value is stored as a string)."""
        fields = cls().to_dict()
        return cls(**{key: type(fields[key])(float(metadata[key])) if isinstance(fields[key], int) else type(fields[key])(metadata[key])
                      for key in fields})


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + self.eps)).type_as(x) * self.weight


def rope_tables(head_dim, positions, theta):
    """cos/sin of shape (B, T, 1, head_dim/2) for integer positions (B, T)."""
    inverse = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    angles = positions.float()[..., None] * inverse  # (B, T, hd/2)
    return angles.cos()[:, :, None, :], angles.sin()[:, :, None, :]


def apply_rope(x, cos, sin):
    """Rotates adjacent pairs (x0,x1), (x2,x3), ...: llama.cpp's LLAMA_ROPE_TYPE_NORM."""
    B, T, H, D = x.shape
    pairs = x.float().view(B, T, H, D // 2, 2)
    x0, x1 = pairs[..., 0], pairs[..., 1]
    out = torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1)
    return out.view(B, T, H, D).type_as(x)


class Attention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.n_heads = config.n_heads
        self.head_dim = config.dim // config.n_heads
        self.wq = nn.Linear(config.dim, config.dim, bias=False)
        self.wk = nn.Linear(config.dim, config.dim, bias=False)
        self.wv = nn.Linear(config.dim, config.dim, bias=False)
        self.wo = nn.Linear(config.dim, config.dim, bias=False)

    def forward(self, x, cos, sin, mask, cache=None):
        B, T, C = x.shape
        q = apply_rope(self.wq(x).view(B, T, self.n_heads, self.head_dim), cos, sin).transpose(1, 2)
        k = apply_rope(self.wk(x).view(B, T, self.n_heads, self.head_dim), cos, sin).transpose(1, 2)
        v = self.wv(x).view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        if cache is not None:  # KV cache for generation: append this step's keys/values
            if 'k' in cache:
                k = torch.cat([cache['k'], k], dim=2)
                v = torch.cat([cache['v'], v], dim=2)
            cache['k'], cache['v'] = k, v
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))  # (B, H, T, S)
        scores = scores.float().masked_fill(~mask, float('-inf'))
        y = F.softmax(scores, dim=-1).type_as(v) @ v
        return self.wo(y.transpose(1, 2).reshape(B, T, C))


class FeedForward(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.w1 = nn.Linear(config.dim, config.ffn_hidden, bias=False)  # gate
        self.w2 = nn.Linear(config.ffn_hidden, config.dim, bias=False)  # down
        self.w3 = nn.Linear(config.dim, config.ffn_hidden, bias=False)  # up

    def forward(self, x):
        return self.w2(F.silu(self.w1(x)) * self.w3(x))


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attention_norm = RMSNorm(config.dim, config.norm_eps)
        self.attention = Attention(config)
        self.ffn_norm = RMSNorm(config.dim, config.norm_eps)
        self.feed_forward = FeedForward(config)

    def forward(self, x, cos, sin, mask, cache=None):
        x = x + self.attention(self.attention_norm(x), cos, sin, mask, cache)
        return x + self.feed_forward(self.ffn_norm(x))


class Transformer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.tok_embeddings = nn.Embedding(config.vocab_size, config.dim)
        self.layers = nn.ModuleList([Block(config) for _ in range(config.n_layers)])
        self.norm = RMSNorm(config.dim, config.norm_eps)
        self.output = nn.Linear(config.dim, config.vocab_size, bias=False)
        self.apply(self._init_weights)
        for name, parameter in self.named_parameters():  # GPT-2 style scaled init of residual projections
            if name.endswith('wo.weight') or name.endswith('w2.weight'):
                nn.init.normal_(parameter, mean=0.0, std=0.02 / math.sqrt(2 * config.n_layers))

    @staticmethod
    def _init_weights(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, idx, targets=None, loss_mask=None, positions=None, mask=None, caches=None):
        """idx (B, T) -> logits (B, T, V); with targets, also the mean cross-entropy over loss_mask."""
        B, T = idx.shape
        if positions is None:
            positions = torch.arange(T)[None, :].expand(B, T)
        if mask is None:
            mask = torch.ones(T, T, dtype=torch.bool).tril()[None, None]
        cos, sin = rope_tables(self.config.dim // self.config.n_heads, positions, self.config.rope_theta)
        x = self.tok_embeddings(idx)
        for index, layer in enumerate(self.layers):
            x = layer(x, cos, sin, mask, None if caches is None else caches[index])
        logits = self.output(self.norm(x))
        if targets is None:
            return logits, None
        losses = F.cross_entropy(logits.float().view(-1, logits.size(-1)), targets.view(-1), reduction='none')
        weights = loss_mask.view(-1).float()
        return logits, (losses * weights).sum() / weights.sum().clamp(min=1.0)

    @torch.no_grad()
    def prefill(self, prompts, pad_id=3):
        """Runs left-padded prompts through the model once, filling a KV cache. Returns (logits, caches, the position of
        each row's next token, the valid-key mask): the start of every batched decoder (greedy here, sampling in rl.py)."""
        B = len(prompts)
        longest = max(len(p) for p in prompts)
        idx = torch.full((B, longest), pad_id, dtype=torch.long)
        valid = torch.zeros(B, longest, dtype=torch.bool)
        for row, prompt in enumerate(prompts):
            idx[row, longest - len(prompt):] = torch.tensor(prompt)
            valid[row, longest - len(prompt):] = True
        positions = (valid.long().cumsum(1) - 1).clamp(min=0)
        caches = [dict() for _ in self.layers]
        causal = torch.ones(longest, longest, dtype=torch.bool).tril()
        mask = (causal[None] & valid[:, None, :])[:, None]  # (B, 1, T, S)
        mask = mask | torch.eye(longest, dtype=torch.bool)[None, None]  # pad rows attend to themselves (no NaN)
        logits, _ = self(idx, positions=positions, mask=mask, caches=caches)
        return logits, caches, positions[:, -1] + 1, valid

    @torch.no_grad()
    def generate_greedy(self, prompts, max_new_tokens, eos_id, pad_id=3):
        """Batched greedy decoding with a KV cache; prompts are lists of ids (left-padded inside). Returns new ids per row.
        Finished rows leave the batch and its cache, so a batch costs what its rows generate, not its longest row times B."""
        B = len(prompts)
        logits, caches, next_position, key_valid = self.prefill(prompts, pad_id)
        outputs = [[] for _ in range(B)]
        active = list(range(B))
        limit = self.config.context_length
        for _ in range(max_new_tokens):
            token = logits[:, -1, :].float().argmax(-1)
            keep = []
            for slot, (row, value, position) in enumerate(zip(active, token.tolist(), next_position.tolist())):
                if value != eos_id and position < limit:
                    outputs[row].append(value)
                    keep.append(slot)
            if not keep:
                break
            active = [active[slot] for slot in keep]
            logits, next_position, key_valid = self.decode_step(token, next_position, key_valid, caches, keep)
        return outputs

    @torch.no_grad()
    def decode_step(self, token, position, valid, caches, keep):
        """One step of a batched decoder (greedy here, sampling in rl.py and reward_sampler.py): drops the rows not in `keep`
        (slots of the current batch) from the batch and its KV cache, then feeds each kept row its token at its position.
        Returns (logits, next positions, valid-key mask) for the next step."""
        if len(keep) < token.shape[0]:
            index = torch.tensor(keep)
            token, position, valid = token[index], position[index], valid[index]
            for cache in caches:
                cache['k'], cache['v'] = cache['k'][index], cache['v'][index]
        valid = torch.cat([valid, torch.ones(len(keep), 1, dtype=torch.bool)], dim=1)
        logits, _ = self(token[:, None], positions=position[:, None], mask=valid[:, None, None, :], caches=caches)
        return logits, position + 1, valid
