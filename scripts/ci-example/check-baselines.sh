#!/usr/bin/env sh
# Reruns every renosim baseline in a folder and fails if any changed or
# could not be checked. For any CI that runs a shell; run it from the
# folder the baselines were recorded in (the repository's root).
#
#   scripts/ci-example/check-baselines.sh [BASELINE_FOLDER] [RENOSIM]
#
# BASELINE_FOLDER defaults to results/baselines, RENOSIM to `renosim` on
# PATH. The Markdown reports go to $RENOSIM_SUMMARY if set (e.g. a file
# your CI shows), else to stdout. Exit status: 0 all unchanged, 1 a
# baseline changed, 2 a baseline could not be checked (the worst one wins).
set -u
folder="${1:-results/baselines}"
renosim="${2:-renosim}"
summary="${RENOSIM_SUMMARY:-/dev/stdout}"
status=0
found=0
for baseline in "$folder"/*.json; do
    [ -e "$baseline" ] || continue
    found=1
    "$renosim" check "$baseline" --markdown >>"$summary"
    code=$?
    if [ "$code" -ne 0 ]; then
        echo "check-baselines: $baseline: exit $code (1 changed, 2 could not check)" >&2
        if [ "$code" -gt "$status" ]; then status=$code; fi
    fi
done
if [ "$found" -eq 0 ]; then
    echo "check-baselines: no *.json baselines in $folder" >&2
    exit 2
fi
exit "$status"
