#!/usr/bin/env bash
# Plan search quality in deterministic mode: the optimiser's makespans on
# generated resource-constrained scheduling instances against exhaustive
# optima (4–10 jobs) and the critical-path bound (30 jobs, 4 resources),
# beside the best single-pass rule per instance. docs/optimise.md records
# the table.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
"$BENCH" optimiser --small "${SMALL:-100}" --large "${LARGE:-50}" --budget "${BUDGET:-2000}" --seed "${SEED:-7}"
