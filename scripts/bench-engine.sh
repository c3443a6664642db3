#!/usr/bin/env bash
# Engine benchmark: the M/M/3 queue (λ = 2.7, μ = 1, 1,000,000 customers,
# 2,000,000 events) on renosim's engine and, in the same run, the identical
# model in SimPy. Prints events per second for both, the ratio, both mean
# waits next to Erlang C, the engine's heap allocations per event (valgrind,
# when installed), and ends with one machine-readable line:
#   renosim_events_per_s=N simpy_events_per_s=M ratio=R
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib/ensure-gsl.sh"
source "$here/lib/python-venv.sh"
root="$(renosim_root)"
cd "$root"
ensure_gsl
customers="${CUSTOMERS:-1000000}"

echo "building renosim-bench (release)…" >&2
swift build -c release --product renosim-bench >&2
bench="$root/.build/release/renosim-bench"

echo "preparing SimPy in .venv…" >&2
ensure_venv simpy

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p"; }

ours=$("$bench" engine --lambda 2.7 --mu 1 --servers 3 --customers "$customers" --seed 1 --repeats 3)
theirs=$("$VENV_PYTHON" scripts/reference/mmc_simpy.py --lambda 2.7 --mu 1 --servers 3 --customers "$customers" --seed 1)

r_eps=$(echo "$ours" | field events_per_s)
r_sec=$(echo "$ours" | field seconds)
r_wait=$(echo "$ours" | field mean_wait)
erlang=$(echo "$ours" | field erlang_c_wait)
s_eps=$(echo "$theirs" | field events_per_s)
s_sec=$(echo "$theirs" | field seconds)
s_wait=$(echo "$theirs" | field mean_wait)
ratio=$(python3 -c "print(f'{$r_eps / $s_eps:.1f}')")

echo "M/M/3, λ = 2.7, μ = 1, ρ = 0.9, $customers customers ($((2 * customers)) model events)"
printf '  %-8s %8.3f s  %12s events/s  mean wait %.4f\n' renosim "$r_sec" "$r_eps" "$r_wait"
printf '  %-8s %8.3f s  %12s events/s  mean wait %.4f\n' SimPy "$s_sec" "$s_eps" "$s_wait"
printf '  Erlang C mean wait %.4f (both runs are single replications at ρ = 0.9: expect a few %% off)\n' "$erlang"
printf '  renosim is %s× SimPy on the same model\n' "$ratio"

if command -v valgrind >/dev/null 2>&1; then
    # Heap allocations that grow with the number of events: run two sizes
    # and divide the difference in allocation count by the difference in events.
    # valgrind 3.19 cannot read the toolchain's DWARF 5: measure a stripped copy.
    stripped="$(mktemp)"
    trap 'rm -f "$stripped"' EXIT
    strip -o "$stripped" "$bench"
    allocs() {
        valgrind --tool=memcheck --leak-check=no "$stripped" engine --customers "$1" --repeats 1 2>&1 >/dev/null |
            sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
    }
    a1=$(allocs 20000); a2=$(allocs 40000)
    per=$(python3 -c "print(f'{($a2 - $a1) / 40000:.5f}')")
    echo "  heap allocations per event: $per ($a1 allocs for 40,000 events, $a2 for 80,000)"
fi

echo "renosim_events_per_s=$r_eps simpy_events_per_s=$s_eps ratio=$ratio"
