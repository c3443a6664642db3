#!/usr/bin/env bash
# Model benchmark: one replication of scenarios/benxi-2018.yaml at a time in
# a release build, simulation only (process start, parsing and compiling
# excluded). Target: ≤ 0.05 s per replication. Ends with one line:
#   seconds_per_replication=S events_per_replication=E events_per_s=R
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
scenario="${1:-scenarios/benxi-2018.yaml}"
replications="${REPLICATIONS:-50}"

out=$("$BENCH" model "$scenario" --replications "$replications")
spr=$(echo "$out" | field seconds_per_replication)
epr=$(echo "$out" | field events_per_replication)
eps=$(echo "$out" | field events_per_s)
echo "$scenario: $(echo "$out" | field buildings) buildings, $(echo "$out" | field orders) work orders"
printf '  %s replications, one at a time: %.4f s per replication (median %.4f, max %.4f)\n' \
    "$replications" "$spr" "$(echo "$out" | field median)" "$(echo "$out" | field max)"
printf '  %s events per replication, %s events/s\n' "$epr" "$eps"
echo "seconds_per_replication=$spr events_per_replication=$epr events_per_s=$eps"
