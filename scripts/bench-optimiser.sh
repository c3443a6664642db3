#!/usr/bin/env bash
# Plan search quality in deterministic mode: the optimiser's makespans on
# generated resource-constrained scheduling instances against exhaustive
# optima (4–10 jobs), on 30-job instances (4 resources) against the optimum
# where the capped branch and bound proves it (else its lower bound) and the
# critical path, beside the best single-pass rule per instance.
# docs/optimise.md records the table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
"$BENCH" optimiser --small "${SMALL:-100}" --large "${LARGE:-50}" --budget "${BUDGET:-2000}" --seed "${SEED:-7}" --node-limit "${NODE_LIMIT:-2000000}"
