#!/usr/bin/env bash
# A throw-away Slurm 22.05 cluster of three nodes (n1..n3, all on this host) for the placement tests:
# .ci/slurm-single-node.sh (a copy of ../shared/slurm's) with NODES=3 KEEP=1 and a three-task array as its
# benchmark, so it costs seconds. Root on Debian only (it installs slurmctld, slurmd, slurm-client and munge).
#
#   SLURM_CONF="$(bash .ci/slurm.sh start)"   # prints the slurm.conf to use; the daemon logs go to stderr
#   bash .ci/slurm.sh stop                     # cancels its jobs, stops its daemons
#   bash .ci/slurm.sh usable                   # exit 0 when this machine can run it (root, Debian, apt-get)
#   bash .ci/slurm.sh test COMMAND...          # start, run COMMAND with SLUICE_SLURM_CONF set, stop; where the
#                                              # cluster cannot run here, COMMAND runs without it (its tests skip)
#
# The tests find the cluster through SLUICE_SLURM_CONF (or SLURM_CONF) and skip when its slurmctld does not answer.
set -euo pipefail
ci="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export D="${SLUICE_SLURM_DIR:-/tmp/sluice-slurm}"

usable() {
    [ "$(id -u)" = 0 ] && [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1
}

case "${1:-}" in
start)
    usable || { echo "slurm: not root on Debian; the Slurm tests will be skipped" >&2; exit 1; }
    NODES=3 KEEP=1 ARRAY=0-2 bash "$ci/slurm-single-node.sh" >&2
    # Least-loaded-node placement: agents of one submission spread over the nodes instead of filling n1 first
    # (the partition lets 50 tasks share a core), as a site running sluice's agents would want.
    SLURM_CONF="$D/slurm.conf" scontrol update PartitionName=debug LLN=YES >&2
    echo "$D/slurm.conf"
    ;;
test)
    shift
    if ! usable; then
        echo "slurm: not root on Debian; running without a cluster (its tests skip)" >&2
        exec "$@"
    fi
    conf="$(bash "$0" start)"
    trap 'bash "$0" stop' EXIT
    SLUICE_SLURM_CONF="$conf" "$@"
    ;;
stop)
    [ -f "$D/slurm.conf" ] || exit 0
    bash "$ci/slurm-single-node.sh" stop >&2
    ;;
usable)
    usable
    ;;
*)
    echo "usage: $0 start|stop|usable|test COMMAND..." >&2
    exit 2
    ;;
esac
