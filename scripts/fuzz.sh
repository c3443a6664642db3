#!/usr/bin/env bash
# Fuzzes what renosim reads from users, with libFuzzer and AddressSanitizer:
#   scripts/fuzz.sh [SECONDS] [TARGET…]   runs each target (default: both) for SECONDS (default 60)
# Targets (package Fuzz/, docs/robustness.md):
#   FuzzScenario  scenario loader and validator, model compile, one short replication
#   FuzzResults   result/baseline reader, terminal summary and HTML report
# Seeds: scenarios/*.yaml and Tests/Fixtures/*.yaml; results/baselines/*.json and
# Fuzz/seeds/results/. What a run learns is kept in fuzz-findings/TARGET/corpus
# (gitignored) for the next run; a crash, a hang (an input over 60 s) or an out-of-memory
# input is written to fuzz-findings/TARGET/ and the script exits 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/ensure-gsl.sh"
cd "$(renosim_root)"
ensure_gsl

seconds="${1:-60}"
flags=(--package-path Fuzz -Xswiftc -sanitize=fuzzer,address)
echo "renosim: building the fuzz targets (libFuzzer + AddressSanitizer)…" >&2
mkdir -p fuzz-findings
# The linker warns about every ASan symbol it cannot export: keep that in a log.
if ! swift build "${flags[@]}" >fuzz-findings/build.log 2>&1; then
    grep -E "error" fuzz-findings/build.log >&2 || tail -20 fuzz-findings/build.log >&2
    exit 2
fi
bin="$(swift build "${flags[@]}" --show-bin-path)"

status=0
fuzz() {
    local name="$1"; shift
    local out="fuzz-findings/$name"
    mkdir -p "$out/corpus"
    echo "renosim: fuzzing $name for ${seconds}s (seeds: $*)…" >&2
    # Swift's runtime keeps metadata caches alive to the end: leak reports would be noise.
    if ! "$bin/$name" "$out/corpus" "$@" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
        -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$out/" 2>"$out/log.txt"; then
        status=1
        echo "renosim: $name FOUND A PROBLEM; the input is in $out/ (crash-*, timeout-* or oom-*):" >&2
        grep -E "^(==|SUMMARY|Fatal error|artifact_prefix|Test unit written)" "$out/log.txt" | head -20 >&2 || true
    fi
    grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$out/log.txt" >&2 || true
}
targets=("${@:2}")
[ "${#targets[@]}" -gt 0 ] || targets=(FuzzScenario FuzzResults)
for target in "${targets[@]}"; do
    case "$target" in
        FuzzScenario) fuzz FuzzScenario scenarios Tests/Fixtures ;;
        FuzzResults) fuzz FuzzResults results/baselines Fuzz/seeds/results ;;
        *) echo "renosim: no fuzz target '$target'; expected FuzzScenario or FuzzResults" >&2; exit 2 ;;
    esac
done
exit "$status"
