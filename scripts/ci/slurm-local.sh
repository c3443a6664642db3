#!/usr/bin/env bash
# Proves scripts/slurm/ on a real Slurm, on this one machine: starts munged,
# slurmctld and slurmd (Debian's slurm-wlm and munge, installed if missing)
# with their own configuration, sockets, ports and state in a temporary
# folder; submits a sharded run through scripts/slurm/submit.sh as a
# researcher would (plan → array → merge after the array); waits for it;
# runs the same run in one process with `renosim run`; and compares every
# file byte for byte. Prints one PASS/FAIL line; exit 0 only on PASS.
# On exit, however it exits, it cancels its jobs, stops exactly the daemons
# it started (by process id) and removes the temporary folder. A Slurm or
# munged already running on the machine is left alone.
#
#   scripts/ci/slurm-local.sh
# Environment: RENOSIM (a renosim binary; default: build this checkout in
# release), SLURM_LOCAL_SCENARIO (scenarios/benxi-2018.yaml),
# SLURM_LOCAL_PLAN (as-built), SLURM_LOCAL_REPLICATIONS (200),
# SLURM_LOCAL_SHARDS (4), SLURM_LOCAL_SEED (2018), SLURM_LOCAL_TIMEOUT
# (seconds to wait for the jobs, 300).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
source scripts/lib/ensure-gsl.sh

scenario=${SLURM_LOCAL_SCENARIO:-scenarios/benxi-2018.yaml}
plan=${SLURM_LOCAL_PLAN:-as-built}
replications=${SLURM_LOCAL_REPLICATIONS:-200}
shards=${SLURM_LOCAL_SHARDS:-4}
seed=${SLURM_LOCAL_SEED:-2018}
job_timeout=${SLURM_LOCAL_TIMEOUT:-300}

say() { echo "slurm-local: $*" >&2; }
fail() {
    say "$*"
    echo "slurm-local: FAIL — $*"
    exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- Packages -------------------------------------------------------------
t0=$(now)
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    say "installing slurm-wlm and munge with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends slurm-wlm munge >&2
fi
say "packages ready ($(since "$t0") s): $(slurmctld -V), $(munged --version 2>&1 | awk '{ print $1; exit }')"

# --- renosim --------------------------------------------------------------
if [[ -z ${RENOSIM:-} ]]; then
    ensure_gsl
    swift build -c release --scratch-path .build --product renosim >&2
    RENOSIM=$root/.build/release/renosim
fi
export RENOSIM

# --- Temporary cluster, cleaned up on any exit -----------------------------
work=$(mktemp -d /tmp/renosim-slurm.XXXXXX)
chmod 0711 "$work" # munged runs as the munge user and must reach its folder
munged_pid="" slurmctld_pid="" slurmd_pid="" jobs_submitted=()

# Running, and not a zombie: a daemon of ours that died stays a zombie
# until we wait for it, and kill -0 still succeeds on it.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    [[ ${stat##*) } != Z* ]]
}
stop_pid() { # stop_pid NAME PID: TERM, wait up to 10 s, then KILL
    local name=$1 pid=$2 i
    [[ -n $pid ]] || return 0
    if ! alive "$pid"; then
        wait "$pid" 2>/dev/null
        say "$name (pid $pid) had already exited"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    if alive "$pid"; then
        say "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    say "stopped $name (pid $pid)"
}
cleanup() {
    local status=$?
    set +e
    trap - EXIT INT TERM
    if ((${#jobs_submitted[@]})) && [[ -n $slurmctld_pid ]] && alive "$slurmctld_pid"; then
        scancel "${jobs_submitted[@]}" 2>/dev/null
        local i
        for ((i = 0; i < 50; i++)); do
            [[ -z $(squeue -h -j "$(IFS=,; echo "${jobs_submitted[*]}")" 2>/dev/null) ]] && break
            sleep 0.2
        done
    fi
    stop_pid slurmd "$slurmd_pid"
    stop_pid slurmctld "$slurmctld_pid"
    stop_pid munged "$munged_pid"
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() { # on failure: what the jobs and the daemons said
    local f
    for f in "$work"/run/logs/*.out "$work"/log/*.log; do
        [[ -f $f ]] || continue
        echo "----- $f (last 40 lines)" >&2
        tail -n 40 "$f" >&2
    done
}

# A free TCP port on the loopback, so as not to collide with a Slurm already here.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- munged ---------------------------------------------------------------
t1=$(now)
key=/etc/munge/munge.key # munged insists on a key in a folder owned by munge
if [[ ! -f $key ]]; then
    say "no $key: creating one"
    setpriv --reuid=munge --regid=munge --init-groups mungekey --create --keyfile="$key"
fi
mkdir -p "$work/munge" "$work/log"
chown munge:munge "$work/munge"
chmod 0755 "$work/munge"
socket=$work/munge/munge.socket
setpriv --reuid=munge --regid=munge --init-groups munged --foreground \
    --socket="$socket" --key-file="$key" --pid-file="$work/munge/munged.pid" \
    --seed-file="$work/munge/munged.seed" --log-file="$work/munge/munged.log" \
    >"$work/log/munged.out.log" 2>&1 &
munged_pid=$!
for ((i = 0; i < 100; i++)); do
    munge -n -S "$socket" 2>/dev/null | unmunge -S "$socket" >/dev/null 2>&1 && break
    alive "$munged_pid" || { cat "$work/log/munged.out.log" "$work/munge/munged.log" >&2 2>/dev/null; fail "munged exited at start"; }
    sleep 0.1
done
munge -n -S "$socket" | unmunge -S "$socket" >/dev/null || fail "munged does not answer on $socket"

# --- slurmctld and slurmd -------------------------------------------------
host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [[ $slurmd_port == "$ctld_port" ]]; do slurmd_port=$(free_port); done
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<EOF
# One-node cluster for scripts/ci/slurm-local.sh; everything under $work.
ClusterName=renosim-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
# No cgroups in a container: track processes by parent id, bind nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
# A merge whose array failed is cancelled, not left pending forever.
DependencyParameters=kill_invalid_depend
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$work/log/slurmctld.out.log" 2>&1 &
slurmctld_pid=$!
slurmd -D -N "$host" -f "$SLURM_CONF" >"$work/log/slurmd.out.log" 2>&1 &
slurmd_pid=$!
state=""
for ((i = 0; i < 300; i++)); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    [[ $state == idle ]] && break
    alive "$slurmctld_pid" || { show_logs; fail "slurmctld exited at start"; }
    alive "$slurmd_pid" || { show_logs; fail "slurmd exited at start"; }
    sleep 0.1
done
[[ $state == idle ]] || { show_logs; fail "node $host not idle after 30 s (state '${state}')"; }
say "one-node cluster up in $(since "$t1") s: munged $munged_pid, slurmctld $slurmctld_pid (port $ctld_port), slurmd $slurmd_pid (port $slurmd_port), node $host with $cpus CPUs"

# --- The sharded run on Slurm ---------------------------------------------
t2=$(now)
# One CPU per task so that the tasks share this small machine, as they would share a cluster.
submitted=$(bash scripts/slurm/submit.sh --cpus-per-task=1 --mem=1G --time=00:10:00 -- \
    "$scenario" --plan "$plan" --replications "$replications" --seed "$seed" \
    --shards "$shards" --out "$work/run")
say "$submitted"
array_job=$(sed -n 's/.*array_job=\([0-9]*\).*/\1/p' <<<"$submitted")
merge_job=$(sed -n 's/.*merge_job=\([0-9]*\).*/\1/p' <<<"$submitted")
[[ -n $array_job && -n $merge_job ]] || fail "could not read the job ids from submit.sh: $submitted"
jobs_submitted=("$array_job" "$merge_job")

job_field() { # job_field JOB FIELD → the field of each of the job's records (one per array task)
    scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p"
}
merge_state=""
deadline=$(($(date +%s) + job_timeout))
while :; do
    merge_state=$(job_field "$merge_job" JobState)
    case $merge_state in
        COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) break ;;
        "") show_logs; fail "the controller no longer knows merge job $merge_job" ;;
    esac
    if [[ $(job_field "$merge_job" Reason) == DependencyNeverSatisfied ]]; then
        merge_state="PENDING (DependencyNeverSatisfied)"
        break
    fi
    if (($(date +%s) > deadline)); then
        show_logs
        squeue >&2
        fail "jobs not finished after ${job_timeout} s (merge job $merge_job: $merge_state)"
    fi
    sleep 0.5
done
slurm_seconds=$(since "$t2")
tasks=$(scontrol -o show job "$array_job" | tr ' ' '\n' |
    awk -F= '$1 == "ArrayTaskId" { id = $2 } $1 == "JobState" { st = $2 } $1 == "ExitCode" { print id ":" st ":" $2 }')
tasks_line=$(paste -sd' ' <<<"$tasks")
say "array $array_job tasks (index:state:exit) $tasks_line; merge $merge_job $merge_state"
if [[ $merge_state != COMPLETED ]] || grep -qv ':COMPLETED:0:0$' <<<"$tasks" ||
    (($(wc -l <<<"$tasks") != shards)); then
    show_logs
    fail "the Slurm jobs did not all complete (array $array_job: $tasks_line; merge $merge_job: $merge_state)"
fi
say "plan + $shards array tasks + merge on Slurm: $slurm_seconds s; started–ended per job:"
{ scontrol -o show job "$array_job"; scontrol -o show job "$merge_job"; } 2>/dev/null | tr ' ' '\n' |
    awk -F= '$1 == "JobId" { id = $2 } $1 == "ArrayJobId" { id = $2 } $1 == "ArrayTaskId" { id = id "_" $2 }
        $1 == "StartTime" { s = substr($2, 12) } $1 == "EndTime" { print "  " id " " s "–" substr($2, 12) }' >&2 || true

# --- The same run in one process, and the comparison -----------------------
t3=$(now)
"$RENOSIM" run "$scenario" --plan "$plan" --replications "$replications" --seed "$seed" \
    --out "$work/single" >"$work/log/single.out" 2>&1 || { cat "$work/log/single.out" >&2; fail "renosim run failed"; }
say "renosim run in one process: $(since "$t3") s"

merged=$work/run/merged
[[ -d $merged ]] || { show_logs; fail "no merged folder $merged"; }
expected=$(find "$work/single" -type f -printf '%P\n' | sort)
got=$(find "$merged" -type f -printf '%P\n' | sort)
if [[ $expected != "$got" ]]; then
    fail "the merged folder has other files than renosim run's: $(diff <(echo "$expected") <(echo "$got") | grep '^[<>]' | tr '\n' ' ')"
fi
different=()
while read -r f; do
    cmp "$work/single/$f" "$merged/$f" >&2 || different+=("$f")
done <<<"$expected"
if ((${#different[@]})); then
    fail "merged files differ from renosim run's: ${different[*]}"
fi
echo "slurm-local: PASS — $scenario plan $plan, $replications replications in $shards shards on Slurm $(slurmctld -V | awk '{ print $2 }') (one node, $cpus CPUs): array + merge in $slurm_seconds s; $(wc -l <<<"$expected") files byte-identical to renosim run ($(paste -sd' ' <<<"$expected"))"
