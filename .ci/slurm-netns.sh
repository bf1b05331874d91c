#!/usr/bin/env bash
# A throw-away Slurm 22.05 cluster whose nodes are separate network hosts, for the tests that cut a node's link
# (issue 18: an agent's node lost mid-run). A copy of ../shared/slurm/slurm-netns-3node.sh, kept running: slurmctld
# in namespace $P-ctl (10.77.0.1) and slurmd n1..n3 in $P-n1..$P-n3 (10.77.0.2..4), their veths on a bridge in a
# fifth namespace $P-fab, no route out. Root on Debian only (it installs slurmctld, slurmd, slurm-client and munge
# when missing). Separate from .ci/slurm.sh's single-host cluster (own folder, own munge, own namespaces).
#
#   SLURM_CONF="$(bash .ci/slurm-netns.sh start)"   # prints the slurm.conf; run Slurm's commands in $P-ctl
#   bash .ci/slurm-netns.sh stop                     # links back up, jobs cancelled, daemons stopped, namespaces gone
#   bash .ci/slurm-netns.sh usable                   # exit 0 when this machine can run it (root, Debian, apt-get)
#   bash .ci/slurm-netns.sh test COMMAND...          # start, run COMMAND with SLUICE_SLURM_NETNS (the namespaces'
#                                                    # prefix) and SLUICE_SLURM_NETNS_CONF set, stop; where the
#                                                    # cluster cannot run here, COMMAND runs without it (tests skip)
#
# Daemons start with `nsenter --net=/run/netns/X`, not `ip netns exec X`: the latter remounts /sys, /sys/fs/cgroup
# disappears and slurmd fails to start its cgroup plugin. Cut a node with `ip -n $P-n3 link set v-n3 down`.
set -euo pipefail
export P="${SLUICE_SLURM_NETNS:-slnsci}"
export D="${SLUICE_SLURM_NETNS_DIR:-/tmp/sluice-slurm-ns}"
NET=10.77.0

usable() {
    [ "$(id -u)" = 0 ] && [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 \
        && command -v ip >/dev/null 2>&1 && command -v nsenter >/dev/null 2>&1
}

in_ns() {
    local ns=$1
    shift
    nsenter --net=/run/netns/"$P-$ns" "$@"
}

install_slurm() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
        && command -v munged >/dev/null && return
    [ -n "$(ls -A /var/lib/apt/lists/ 2>/dev/null | grep -v -e lock -e partial)" ] || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        slurmctld slurmd slurm-client munge >/dev/null
}

stop() {
    set +e
    export SLURM_CONF=$D/slurm.conf
    # Links back up first: a node cut off cannot finish its jobs, and a step daemon that cannot report its job's end
    # to slurmctld retries for ever.
    for h in ctl n1 n2 n3; do ip -n "$P-$h" link set "v-$h" up 2>/dev/null; done
    if [ -f "$D/slurmctld.pid" ] && kill -0 "$(cat "$D/slurmctld.pid")" 2>/dev/null; then
        in_ns ctl scancel --quiet --user=root
        # A node whose link was down re-registers once slurmctld pings it again (up to ~40 s when it was DOWN);
        # its cancelled jobs end then. Whatever is still listed after 30 s goes with the daemons below.
        for _ in $(seq 300); do [ -z "$(in_ns ctl squeue -h 2>/dev/null)" ] && break; sleep 0.1; done
    fi
    local pids=() p f h
    for f in "$D"/slurmd-*.pid "$D/slurmctld.pid"; do
        [ -f "$f" ] && { p=$(cat "$f"); kill "$p" 2>/dev/null && pids+=("$p"); }
    done
    for p in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
        kill -9 "$p" 2>/dev/null
    done
    # Whatever still runs in the cluster's namespaces is its own or a test's (step daemons, agents, a sluiced).
    for h in n1 n2 n3 ctl; do
        for p in $(ip netns pids "$P-$h" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    done
    [ -S "$D/munge/munge.sock" ] && munged -S "$D/munge/munge.sock" --stop >/dev/null 2>&1
    for h in ctl n1 n2 n3 fab; do ip netns del "$P-$h" 2>/dev/null; done
    rm -f "$D"/*.pid
    set -e
}

start() {
    install_slurm
    stop
    # The network: a bridge in namespace "fab", one veth per host namespace, no default route anywhere.
    ip netns add "$P-fab"
    ip -n "$P-fab" link add br0 type bridge
    ip -n "$P-fab" link set br0 up
    local i=1 h
    for h in ctl n1 n2 n3; do
        ip netns add "$P-$h"
        ip link add "v-$h" netns "$P-$h" type veth peer name "p-$h" netns "$P-fab"
        ip -n "$P-fab" link set "p-$h" master br0
        ip -n "$P-fab" link set "p-$h" up
        ip -n "$P-$h" addr add "$NET.$i/24" dev "v-$h"
        ip -n "$P-$h" link set "v-$h" up
        ip -n "$P-$h" link set lo up
        i=$((i + 1))
    done

    # Slurm; munge's unix socket is reachable from every namespace (one mount namespace).
    rm -rf "$D"
    mkdir -p "$D"/{munge,state,log,out} "$D"/spool/{n1,n2,n3}
    chmod 711 "$D/munge"
    install -m 400 /etc/munge/munge.key "$D/munge/munge.key"
    # SlurmdTimeout=10: a node cut off is DOWN (its jobs NODE_FAIL) ten seconds later, within a test's time.
    # LLN=YES: least-loaded-node placement, so the agents of one submission spread over the three nodes (the
    # partition lets 50 tasks share a core). Batch scheduling without delays, as in .ci/slurm-single-node.sh.
    cat >"$D/slurm.conf" <<EOF
ClusterName=sluicensci
SlurmctldHost=$(hostname -s)($NET.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool/%n
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd-%n.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmdTimeout=10
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
NodeName=n1 NodeAddr=$NET.2 CPUs=$(nproc) State=UNKNOWN
NodeName=n2 NodeAddr=$NET.3 CPUs=$(nproc) State=UNKNOWN
NodeName=n3 NodeAddr=$NET.4 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:50 LLN=YES
EOF
    export SLURM_CONF=$D/slurm.conf
    munged --force -S "$D/munge/munge.sock" --key-file="$D/munge/munge.key" --pid-file="$D/munge/munged.pid" \
        --seed-file="$D/munge/munged.seed" --log-file="$D/log/munged.log"
    in_ns ctl slurmctld -i
    for h in n1 n2 n3; do in_ns "$h" slurmd -N "$h"; done
    for _ in $(seq 300); do [ "$(in_ns ctl sinfo -h -o %T | sort -u)" = idle ] && break; sleep 0.05; done
    in_ns ctl sinfo -N >&2
    [ "$(in_ns ctl sinfo -h -o %T | sort -u)" = idle ] || { echo "slurm-netns: the nodes are not idle" >&2; exit 1; }
    echo "$D/slurm.conf"
}

case "${1:-}" in
start)
    usable || { echo "slurm-netns: not root on Debian; the link-cut tests will be skipped" >&2; exit 1; }
    start
    ;;
test)
    shift
    if ! usable; then
        echo "slurm-netns: not root on Debian; running without a cluster (its tests skip)" >&2
        exec "$@"
    fi
    # The trap first: a start that fails half-way leaves namespaces and daemons for stop to remove.
    trap 'bash "$0" stop' EXIT
    conf="$(bash "$0" start)"
    SLUICE_SLURM_NETNS="$P" SLUICE_SLURM_NETNS_CONF="$conf" "$@"
    ;;
stop)
    stop
    ;;
usable)
    usable
    ;;
*)
    echo "usage: $0 start|stop|usable|test COMMAND..." >&2
    exit 2
    ;;
esac
