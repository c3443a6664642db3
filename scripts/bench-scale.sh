#!/usr/bin/env bash
# Scale benchmark: one replication of scenarios/national-scale.yaml (about
# 220,000 communities and 1,000,000 buildings), end to end through the CLI —
# start, parse, generate, compile, simulate, summarise — in a release build,
# and the same scenario scaled to 10³, 10⁴ and 10⁵ buildings (communities,
# crews, supervisors and responders scaled together, so the work per crew is
# the same), to fit how cost grows with size.
#
# Targets (issue 7): national ≤ 60 s and ≤ 4 GiB peak memory; growth
# exponent ≤ 1.1. Then the national run with --out (issue 20: ≤ 1.25× the
# time and peak memory of the run without it). Each size is run REPEATS times (default 3): the median
# time and the largest peak are reported. Ends with one line:
#   national_seconds=S national_peak_mib=M growth_exponent=X
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_renosim
scenario="${1:-scenarios/national-scale.yaml}"
repeats="${REPEATS:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The national file's buildings, from `renosim validate`.
total=$("$RENOSIM" validate "$scenario" | sed -n 's/.* \([0-9]*\) buildings.*/\1/p')
printf '%-12s %12s %12s %10s %12s\n' "buildings" "fraction" "seconds" "peak MiB" "µs/building"
rows=()
for target in 1000 10000 100000 "$total"; do
    if [ "$target" = "$total" ]; then
        file="$scenario"
        fraction=1
    else
        fraction=$(python3 -c "print($target / $total)")
        file="$work/scaled-$target.yaml"
        "$BENCH" scaled "$scenario" --fraction "$fraction" > "$file"
    fi
    buildings=$("$RENOSIM" validate "$file" | sed -n 's/.* \([0-9]*\) buildings.*/\1/p')
    line=$(python3 scripts/lib/measure.py "$repeats" "$RENOSIM" run "$file" --replications 1 --threads 1 --quiet)
    seconds=$(echo " $line" | field seconds)
    peak=$(echo " $line" | field peak_mib)
    rows+=("$buildings $seconds $peak")
    printf '%-12s %12.5f %12s %10s %12.2f\n' "$buildings" "$fraction" "$seconds" "$peak" \
        "$(python3 -c "print($seconds / $buildings * 1e6)")"
done

# Least-squares slope of log(seconds) on log(buildings) over the four sizes,
# and the slope of the top decade alone (where fixed start-up costs no longer
# flatter it).
read -r exponent top <<<"$(printf '%s\n' "${rows[@]}" | python3 -c '
import math, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
xs = [math.log(b) for b, s, m in rows]; ys = [math.log(s) for b, s, m in rows]
mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
top = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
print(f"{slope:.3f} {top:.3f}")')"
national=(${rows[3]})
echo "growth exponent (time ∝ buildings^x, fitted over the four sizes): $exponent; top decade alone: $top"
# The same national run writing its result files (issue 20: ≤ 1.25× the time and peak memory).
line=$(python3 scripts/lib/measure.py "$repeats" "$RENOSIM" run "$scenario" --replications 1 --threads 1 --quiet \
    --out "$work/national-out")
out_seconds=$(echo " $line" | field seconds)
out_peak=$(echo " $line" | field peak_mib)
read -r time_ratio memory_ratio <<<"$(python3 -c "print(f'{$out_seconds / ${national[1]}:.2f} {$out_peak / ${national[2]}:.2f}')")"
echo "national with --out: $out_seconds s, $out_peak MiB peak (${time_ratio}× the time, ${memory_ratio}× the memory)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "national_seconds=${national[1]} national_peak_mib=${national[2]} growth_exponent=$exponent out_seconds=$out_seconds out_peak_mib=$out_peak out_time_ratio=$time_ratio out_memory_ratio=$memory_ratio"
