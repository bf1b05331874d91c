#!/usr/bin/env bash
# conformance.sh — score `sluice` against the AWS-recorded conformance cases and fail when the number of passing
# cases drops below the floor committed in .ci/ (the floor only ever goes up: raise it when the figure improves).
#
#   bash .ci/conformance.sh           (from anywhere; works from the repository root)
#
# env: SLUICE_SHARED   the shared folder (default: ../shared beside the repository root)
#      SLUICE_BIN      the sluice executable, relative to the repository root (default: .build/debug/sluice)
#      SLUICE_CONFORMANCE_REPORTS   where per-suite failure lists go (default: .build/conformance)
#
# Each suite is one `gate` call at the bottom. The runners exit 0 whenever they ran and print last a line
# "N passed, M failed"; this script reads that line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SHARED=${SLUICE_SHARED:-../shared}
CASES=$SHARED/conformance
SLUICE_BIN=${SLUICE_BIN:-.build/debug/sluice}
REPORTS=${SLUICE_CONFORMANCE_REPORTS:-.build/conformance}
export PYTHONDONTWRITEBYTECODE=1   # shared/ is read-only in CI: leave no __pycache__ there

# In CI the cases must be there: a gate skipped for a missing folder would pass without testing.
if [ ! -d "$CASES" ]; then
    if [ -n "${CI:-}" ]; then echo "conformance cases not found at $CASES: FAIL (CI)"; exit 1; fi
    echo "conformance cases not found at $CASES: skipped"
    exit 0
fi
mkdir -p "$REPORTS"

failed_gates=()

# gate NAME FLOOR_FILE SUITE_DIR -- RUNNER ARGS...
#   Runs one suite's runner, shows its table, compares "N passed" with the integer in FLOOR_FILE (0 when the file
#   does not exist yet). A suite whose folder is absent is skipped. A runner that exits non-zero, or prints no
#   summary line, fails the gate.
gate() {
    local name=$1 floor_file=$2 suite=$3
    shift 3
    [ "${1:-}" = "--" ] && shift
    if [ ! -d "$suite" ]; then
        if [ -n "${CI:-}" ]; then
            echo "conformance $name: FAIL: cases not found at $suite (CI)"
            failed_gates+=("$name")
        else
            echo "conformance $name: cases not found at $suite: skipped"
        fi
        return 0
    fi
    local floor=0
    if [ -f "$floor_file" ]; then
        floor=$(tr -d '[:space:]' < "$floor_file")
        if ! [[ $floor =~ ^[0-9]+$ ]]; then
            echo "conformance $name: FAIL: floor file $floor_file must hold one integer, found '$floor'"
            failed_gates+=("$name")
            return 0
        fi
    else
        echo "conformance $name: no floor file $floor_file yet: floor 0"
    fi

    local log=$REPORTS/$name.log rc=0
    echo "conformance $name: running$(printf ' %q' "$@")"
    "$@" > "$log" 2>&1 < /dev/null || rc=$?
    # The table, without the runner's own closing count (restated below with the floor).
    grep -vE '^[0-9]+ passed, [0-9]+ failed$' "$log" || true
    if [ "$rc" != 0 ]; then
        echo "conformance $name: FAIL: the runner exited with status $rc (output above, also in $log)"
        failed_gates+=("$name")
        return 0
    fi
    local summary
    summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
    if [ -z "$summary" ]; then
        echo "conformance $name: FAIL: the runner printed no 'N passed, M failed' line (see $log)"
        failed_gates+=("$name")
        return 0
    fi
    local passed failed
    passed=${summary%% passed*}
    failed=${summary#*, }
    failed=${failed%% failed*}
    if [ "$passed" -lt "$floor" ]; then
        echo "conformance $name: FAIL: $passed cases pass (of $((passed + failed))), below the floor of $floor in $floor_file"
        echo "conformance $name: a change made cases fail that passed before; failing cases are listed in $REPORTS/"
        failed_gates+=("$name")
    else
        echo "conformance $name: $passed cases pass (of $((passed + failed))); floor $floor: ok"
        if [ "$passed" -gt "$floor" ]; then
            echo "conformance $name: the floor can be raised to $passed (echo $passed > $floor_file)"
        fi
    fi
}

gate asl .ci/conformance-floor "$CASES/asl" -- \
    python3 "$CASES/tools/run-asl.py" "$CASES/asl" --query-language JSONPath --jobs 4 \
    --report "$REPORTS/asl-failures.txt" \
    --cmd "$SLUICE_BIN run --json --input-file {input} {definition}"

# JSONata states and machines mixing both languages: their own gates, so the JSONPath floor stays as it was.
for language in JSONata mixed; do
    gate "asl-$language" ".ci/conformance-floor-asl-$language" "$CASES/asl" -- \
        python3 "$CASES/tools/run-asl.py" "$CASES/asl" --query-language "$language" --jobs 4 \
        --report "$REPORTS/asl-$language-failures.txt" \
        --cmd "$SLUICE_BIN run --json --input-file {input} {definition}"
done

# EventBridge / SNS matching: one gate per category, so a category cannot slip behind another's gains.
for category in pattern transformer sns-filter; do
    gate "eventpatterns-$category" ".ci/conformance-floor-$category" "$CASES/eventpatterns/$category" -- \
        python3 "$CASES/tools/run-eventpatterns.py" "$CASES/eventpatterns" --category "$category" \
        --report "$REPORTS/eventpatterns-$category-failures.txt" --bin "$SLUICE_BIN"
done

# JSONata (jsonata-js 2.0.6's own suite), through `sluice jsonata --cases` in batch.
gate jsonata .ci/conformance-floor-jsonata "$CASES/jsonata" -- \
    python3 "$CASES/tools/run-jsonata.py" "$CASES/jsonata" \
    --report "$REPORTS/jsonata-failures.txt" \
    --cmd "$SLUICE_BIN jsonata --cases {cases}"

if [ "${#failed_gates[@]}" -gt 0 ]; then
    echo "conformance: FAILED: ${failed_gates[*]}"
    exit 1
fi
echo "conformance: every gate at or above its floor"
