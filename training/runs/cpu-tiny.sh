#!/usr/bin/env bash
# Reproduces a small slowthink model in minutes on a CPU: data -> train -> export GGUF -> evaluate.
# Needs Debian python3-torch + libopenblas0-openmp (see ../../shared/research/tiny-model.md) and `npm ci`.
#
#   bash training/runs/cpu-tiny.sh            # ~30 min on 1 free core of a 2-vCPU Zen 4 (MINUTES=8 for a format-only smoke)
#
# Expected (run mini4, 2026-11-29, 1 torch thread beside another training run; the shipped mini5 used 2): ~9 k tok/s; loss 5.2 at
# step 20, ~1.0 at step 200, 0.23 at step 1000, 0.12 at step 2000, 0.08 at step 2600 (29 min). The format is learned
# within ~300 steps; the held-out greedy monitor stays near 0 % until ~1,000 steps, then climbs (34 % at 2,000,
# 39 % at the end). With the default 25 minutes expect somewhat less.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${MINUTES:-25}"
THREADS="${THREADS:-1}"
mkdir -p training/data training/runs/out
# 1. data: 150k examples of the arithmetic + Countdown mix (the reserved evaluation problems are excluded)
[ -f training/data/tiny.jsonl ] || npx tsx src/cli/main.ts data --task mix --n 150000 --seed 3 --out training/data/tiny.jsonl \
  --task-weights arithmetic=0.7,countdown=0.3 --level-weights arithmetic=2.5/2.5/2/1.5/1.5,countdown=1.5/2/1 \
  --direct-share 0.04 --check-share 0.08
# 2. train a d=128, L=4 llama (0.94 M params) and 3. export it to GGUF (F16) through the TypeScript writer
/usr/bin/python3 training/train.py --data=training/data/tiny.jsonl --out_dir=training/checkpoints/tiny --name=slowthink-tiny \
  --dim=128 --n_layers=4 --n_heads=4 --batch_tokens=6144 --learning_rate=3e-3 --threads="$THREADS" \
  --max_minutes="$MINUTES" --eval_every=500 --export=training/checkpoints/tiny/slowthink-tiny.gguf
# 4. evaluate on held-out problems with node-llama-cpp (small count to stay quick)
npx tsx scripts/bench-model.ts --path training/checkpoints/tiny/slowthink-tiny.gguf --count 20 --samples 8
