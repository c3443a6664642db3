# Sourced by the benchmark scripts: GSL present, release builds of the bench
# executable, and a helper to read key=value fields from its output line.
source "$(dirname "${BASH_SOURCE[0]}")/ensure-gsl.sh"

# Builds renosim-bench in release (progress on stderr) and sets $BENCH.
prepare_bench() {
    cd "$(renosim_root)"
    ensure_gsl
    echo "building renosim-bench (release)…" >&2
    swift build -c release --product renosim-bench >&2
    BENCH="$(renosim_root)/.build/release/renosim-bench"
}

# field NAME < line  → the value of NAME=value
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p"; }

# Builds renosim-bench and renosim in release (progress on stderr) and sets
# $BENCH and $RENOSIM.
prepare_renosim() {
    prepare_bench
    echo "building renosim (release)…" >&2
    swift build -c release --product renosim >&2
    RENOSIM="$(renosim_root)/.build/release/renosim"
}
