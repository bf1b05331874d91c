#!/usr/bin/env bash
# End-to-end test of sluiced under a real systemd + journald (../shared/systemd boots a throwaway one in its own
# namespaces): start returns after READY=1, status shows the STATUS= line, a dropped file reaches the subscriber,
# reload picks up a new rule, the journal carries SLUICE_* fields, a stuck daemon is restarted by the watchdog,
# stop is clean. Skipped (exit 0, with a message) where the harness or root is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SLUICE_SHARED:-../shared}
HARNESS=$SHARED/systemd/run-in-systemd.sh
BIN=${SLUICED_BIN:-.build/debug/sluiced}
if [ ! -x "$HARNESS" ] && [ ! -f "$HARNESS" ]; then echo "systemd e2e: $HARNESS not found: skipped"; exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "systemd e2e: needs root: skipped"; exit 0; fi
[ -x "$BIN" ] || { echo "systemd e2e: $BIN missing (build first)"; exit 1; }
bash "$HARNESS" --unit systemd/sluiced.service \
    --copy "$BIN:/usr/local/bin/sluiced" \
    --copy ".ci/systemd-inside.sh:/usr/local/bin/sluice-systemd-inside" \
    -- bash /usr/local/bin/sluice-systemd-inside
