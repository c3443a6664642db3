#!/usr/bin/env bash
# Dispatch quality: every rule's makespans on generated resource-constrained
# scheduling instances, against exhaustive optima (4–10 jobs) and the
# critical-path bound (30 jobs, 4 resources, network complexity 1.5–2.1,
# resource factor 0.25–1, resource strength 0.2–0.7). docs/dispatch.md
# records the table. Ends with schedules_differing_from_reference=0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
"$BENCH" dispatch --small "${SMALL:-500}" --large "${LARGE:-300}" --seed "${SEED:-7}"
