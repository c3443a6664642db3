#!/usr/bin/env bash
# Output benchmark (issue 20): what writing the result files costs, through
# the CLI in a release build.
#   1. 500 replications of a 30-building scenario (the national one scaled down by
#      `renosim-bench scaled`), one thread, with and without --out: the
#      share of wall time spent writing. Target ≤ 30 %.
#   2. 1,000 replications of scenarios/benxi-2018.yaml with --out on 1 and
#      2 threads: the speed-up. Target ≥ 1.8.
# (National scale, one replication with and without --out: scripts/bench-scale.sh.)
# Each run is repeated REPEATS times (default 3); the median time is used.
# The machine's load average is printed: on a shared machine, read the
# figures with it. Ends with one line:
#   small_writing_share=S benxi_out_speedup=X
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_renosim
repeats="${REPEATS:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() { echo " $(python3 scripts/lib/measure.py "$repeats" "$@")" | field seconds; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
small="$work/small.yaml"
"$BENCH" scaled scenarios/national-scale.yaml --fraction "$(python3 -c "print(30 / 996942)")" > "$small"
buildings=$("$RENOSIM" validate "$small" | sed -n 's/.* \([0-9]*\) buildings.*/\1/p')
bare=$(seconds "$RENOSIM" run "$small" --replications 500 --threads 1 --quiet)
out=$(seconds "$RENOSIM" run "$small" --replications 500 --threads 1 --quiet --out "$work/small-out")
share=$(python3 -c "print(f'{max(0.0, ($out - $bare) / $out):.3f}')")
printf '%s buildings, 500 replications, 1 thread: %.2f s without --out, %.2f s with (writing %.1f %% of wall time)\n' \
    "$buildings" "$bare" "$out" "$(python3 -c "print($share * 100)")"

one=$(seconds "$RENOSIM" run scenarios/benxi-2018.yaml --replications 1000 --threads 1 --quiet --out "$work/benxi-1")
two=$(seconds "$RENOSIM" run scenarios/benxi-2018.yaml --replications 1000 --threads 2 --quiet --out "$work/benxi-2")
speedup=$(python3 -c "print(f'{$one / $two:.2f}')")
printf 'benxi-2018, 1,000 replications with --out: %.2f s on 1 thread, %.2f s on 2 (speed-up %s×)\n' "$one" "$two" "$speedup"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "small_writing_share=$share benxi_out_speedup=$speedup"
