#!/usr/bin/env bash
# Monte Carlo benchmark: 1,000 replications of scenarios/benxi-2018.yaml in a
# release build, on 1 thread and on 2, through the parallel runner.
# Targets: ≤ 20 s wall with 2 threads, ≥ 1.7× speed-up from 1 to 2 threads.
# Ends with one line: replications=N seconds_1_thread=A seconds_2_threads=B speedup=S
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
prepare_bench
scenario="${1:-scenarios/benxi-2018.yaml}"
replications="${REPLICATIONS:-1000}"

one=$("$BENCH" model "$scenario" --replications "$replications" --threads 1 --parallel)
two=$("$BENCH" model "$scenario" --replications "$replications" --threads 2 --parallel)
s1=$(echo "$one" | field seconds)
s2=$(echo "$two" | field seconds)
speedup=$(python3 -c "print(f'{$s1 / $s2:.2f}')")
echo "$scenario, $replications replications through the parallel runner (release build, $(nproc) cores)"
printf '  1 thread : %7.2f s\n  2 threads: %7.2f s  (speed-up %s×)\n' "$s1" "$s2" "$speedup"
echo "replications=$replications seconds_1_thread=$s1 seconds_2_threads=$s2 speedup=$speedup"
