#!/usr/bin/env bash
# Plan search quality in deterministic mode: the optimiser's makespans on
# generated resource-constrained scheduling instances against exhaustive
# optima (4–10 jobs), on 30-job instances (4 resources) against the optimum
# where the capped branch and bound proves it (else its lower bound) and the
# critical path, beside the best single-pass rule per instance. Defaults: 500
# simulations an instance, node cap 1,000,000, project mode on; docs/optimise.md
# records the table. NO_PROJECT_MODE=1 measures the search without project mode.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
"$BENCH" optimiser --small "${SMALL:-100}" --large "${LARGE:-50}" --budget "${BUDGET:-500}" --seed "${SEED:-7}" --node-limit "${NODE_LIMIT:-1000000}" \
    ${NO_PROJECT_MODE:+--no-project-mode}
