#!/usr/bin/env bash
# make demo: the story on this machine. sluiced starts on a temporary root with the shipped example
# (etc/sluice), 227,000 generated companies are dropped into the inbox bucket as a CSV, the rule starts the
# scoring state machine, its Distributed Map scores them on the persistent `score` workers, the results land in
# the results bucket and a summary goes to the `scores` topic, whose subscriber prints it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${SLUICE_BIN_DIR:-.build/release}
COMPANIES=${COMPANIES:-227000}
ROOT=$(mktemp -d /tmp/sluice-demo.XXXXXX)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true' EXIT

mkdir -p "$ROOT/etc"
cp -r etc/sluice "$ROOT/etc/"
printf '{"Region": "local", "Account": "000000000000", "MaxWorkers": 2, "LogLevel": "info"}\n' \
    > "$ROOT/etc/sluice/sluiced.json"

echo "== generating $COMPANIES companies"
python3 etc/sluice/examples/generate-companies.py "$COMPANIES" "$ROOT/companies.csv"

echo "== starting sluiced --root $ROOT"
"$BIN/sluiced" --root "$ROOT" > "$ROOT/sluiced.log" 2>&1 &
PID=$!
for _ in $(seq 1 200); do grep -q "sluiced ready" "$ROOT/sluiced.log" && break; sleep 0.05; done

echo "== dropping companies.csv into s3://inbox/companies/"
# sluiced made the declared buckets (etc/sluice/buckets); a key prefix is a folder in one.
mkdir -p "$ROOT/var/lib/sluice/buckets/inbox/companies"
START=$(date +%s.%N)
cp "$ROOT/companies.csv" "$ROOT/var/lib/sluice/buckets/inbox/companies/.companies.csv.part"
mv "$ROOT/var/lib/sluice/buckets/inbox/companies/.companies.csv.part" \
    "$ROOT/var/lib/sluice/buckets/inbox/companies/companies.csv"

# Wait for the subscriber's output, showing the map run's progress as sluiced logs it.
shown=0
until grep -q "\[scores " "$ROOT/sluiced.log"; do
    progress=$(grep -c "execution .* started by\|map run [^ ]* [0-9]" "$ROOT/sluiced.log" || true)
    if [ "$progress" -gt "$shown" ]; then
        grep -o "execution .* started by.*\|map run [^ ]* [0-9].*" "$ROOT/sluiced.log" | tail -n +$((shown + 1)) \
            | sed 's/^/   /'
        shown=$progress
    fi
    if ! kill -0 "$PID" 2>/dev/null; then echo "sluiced stopped:"; cat "$ROOT/sluiced.log"; exit 1; fi
    if grep -q "execution [^ ]* \(FAILED\|TIMED_OUT\|ABORTED\) in" "$ROOT/sluiced.log"; then
        grep "execution" "$ROOT/sluiced.log"; exit 1
    fi
    sleep 0.2
done
END=$(date +%s.%N)
grep -o "map run [^ ]* [0-9].*SUCCEEDED\|execution [^ ]* SUCCEEDED in .*" "$ROOT/sluiced.log" | sed 's/^/   /'
echo "== the subscriber received:"
grep -o "\[scores .*" "$ROOT/sluiced.log" | head -1
scored=$(cat "$ROOT"/var/lib/sluice/buckets/results/scores/*/SUCCEEDED_*.jsonl | wc -l)
elapsed=$(python3 -c "print(f'{$END - $START:.1f}')")
echo "== $scored companies scored; from the drop to the subscriber's output: $elapsed s (root: $ROOT)"
kill -TERM "$PID"
wait "$PID" || true
