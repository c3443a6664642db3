#!/usr/bin/env bash
# Submits a sharded renosim run to Slurm: plan → job array → merge.
#
#   scripts/slurm/submit.sh [SBATCH-OPTIONS… --] SHARD-PLAN-ARGUMENTS…
#
#   scripts/slurm/submit.sh scenarios/benxi-2018.yaml --plan as-built \
#       --replications 10000 --shards 50 --out runs/benxi
#   scripts/slurm/submit.sh --partition=short --cpus-per-task=8 -- \
#       --sweep sweep.yaml --shards 20 --out runs/sweep
#
# 1. `renosim shard plan SHARD-PLAN-ARGUMENTS…` here (they must include
#    --shards K and --out DIR);
# 2. sbatch --array=0-(K-1) of the template, one task per shard, logs in DIR/logs/;
# 3. sbatch of the template in merge mode with --dependency=afterok:<array id>:
#    it starts only when every task succeeded and writes DIR/merged/.
# SBATCH-OPTIONS go to both sbatch calls (the command line overrides the
# template's #SBATCH lines). Prints what it submitted on stderr and one line
#   dir=DIR array_job=ID merge_job=ID merged=DIR/merged
# on stdout. Submit from the folder the scenario path is relative to.
#
# Environment:
#   RENOSIM              renosim binary (default: renosim on PATH, else this
#                        checkout's .build/release/renosim); exported to the jobs
#   RENOSIM_SBATCH       the job template (default: renosim-array.sbatch beside this script)
#   RENOSIM_MAX_RUNNING  at most this many array tasks at once (sbatch's %N)
#   SBATCH_PARTITION, SBATCH_ACCOUNT, …  read by sbatch itself
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "submit.sh: $*" >&2; exit 1; }

sbatch_options=()
if [[ " $* " == *" -- "* ]]; then
    while [[ $1 != -- ]]; do sbatch_options+=("$1"); shift; done
    shift
fi
(($#)) || die "no arguments for renosim shard plan (see the header of $0)"

shards="" dir=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case ${args[i]} in
        --shards) shards=${args[i + 1]:-} ;;
        --shards=*) shards=${args[i]#--shards=} ;;
        --out) dir=${args[i + 1]:-} ;;
        --out=*) dir=${args[i]#--out=} ;;
    esac
done
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "--shards K (a positive whole number) is required, got '${shards}'"
[[ -n $dir ]] || die "--out DIR is required: the jobs read the plan from it"

renosim=${RENOSIM:-}
if [[ -z $renosim ]]; then
    if command -v renosim >/dev/null 2>&1; then
        renosim=$(command -v renosim)
    elif [[ -x $here/../../.build/release/renosim ]]; then
        renosim=$(cd "$here/../.." && pwd)/.build/release/renosim
    else
        die "no renosim binary: set RENOSIM=/path/to/renosim, put renosim on PATH, or build this checkout (swift build -c release --product renosim)"
    fi
elif [[ $renosim == */* && $renosim != /* ]]; then
    # The jobs may start in another folder: give them an absolute path.
    renosim=$PWD/$renosim
fi
if [[ ! -x $renosim ]]; then
    found=$(command -v "$renosim") || die "RENOSIM=$renosim is not an executable"
    renosim=$found
fi
export RENOSIM=$renosim

template=${RENOSIM_SBATCH:-$here/renosim-array.sbatch}
[[ -f $template ]] || die "no job template at $template"

command -v sbatch >/dev/null 2>&1 || die "sbatch not found: run this on a Slurm submit (login) node"

echo "submit.sh: planning $shards shards in $dir with $renosim" >&2
"$renosim" shard plan "$@" >&2
mkdir -p "$dir/logs"

array=0-$((shards - 1))
[[ -n ${RENOSIM_MAX_RUNNING:-} ]] && array+=%$RENOSIM_MAX_RUNNING
array_job=$(sbatch --parsable --array="$array" --output="$dir/logs/shard-%A_%a.out" \
    "${sbatch_options[@]}" "$template" "$dir")
array_job=${array_job%%;*} # --parsable prints "id;cluster" on multi-cluster setups
echo "submit.sh: array job $array_job, tasks $array" >&2

merge_job=$(sbatch --parsable --dependency="afterok:$array_job" --job-name=renosim-merge \
    --output="$dir/logs/merge-%j.out" "${sbatch_options[@]}" "$template" --merge "$dir")
merge_job=${merge_job%%;*}
echo "submit.sh: merge job $merge_job after the array succeeds → $dir/merged" >&2

echo "dir=$dir array_job=$array_job merge_job=$merge_job merged=$dir/merged"
