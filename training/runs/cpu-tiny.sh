#!/usr/bin/env bash
# Reproduces a small slowthink model in minutes on a CPU: data -> train -> export GGUF -> evaluate.
# Needs Debian python3-torch + libopenblas0-openmp (see ../../shared/research/tiny-model.md) and `npm ci`.
#
#   bash training/runs/cpu-tiny.sh            # ~10 min on 1 free core of a 2-vCPU Zen 4
#
# Expected (measured 2026-11-28, 1 torch thread, shared machine): ~5-6 k tok/s, loss ~3.9 at step 50, ~1.2 at step 250,
# below 0.5 by step 1000; greedy exact-match on the held-out monitor climbs from 0 % to roughly 30-60 % in 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES="${MINUTES:-8}"
THREADS="${THREADS:-1}"
mkdir -p training/data training/runs/out
# 1. data: 100k examples of the arithmetic + Countdown mix (the reserved evaluation problems are excluded)
[ -f training/data/tiny.jsonl ] || npx tsx src/tasks/write-data.ts --task mix --n 100000 --seed 2 --out training/data/tiny.jsonl
# 2. train a d=128, L=4 llama (0.94 M params) and 3. export it to GGUF (F16) through the TypeScript writer
/usr/bin/python3 training/train.py --data=training/data/tiny.jsonl --out_dir=training/checkpoints/tiny --name=slowthink-tiny \
  --dim=128 --n_layers=4 --n_heads=4 --batch_tokens=4096 --learning_rate=3e-3 --threads="$THREADS" \
  --max_minutes="$MINUTES" --eval_every=500 --export=training/checkpoints/tiny/slowthink-tiny.gguf
# 4. evaluate on held-out problems with node-llama-cpp (small count to stay quick)
npx tsx bench/model.ts --path training/checkpoints/tiny/slowthink-tiny.gguf --count 20 --samples 8
