#!/usr/bin/env bash
# End-to-end test of the installed product under a real systemd + journald (../shared/systemd boots a throwaway one
# in its own namespaces, over an overlay of this machine's files): the README's install section run line by line as
# written, then the journal, users in and out of group sluice, reload, the watchdog and a clean stop
# (.ci/systemd-inside.sh). Skipped (exit 0, with a message) where the harness or root is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SLUICE_SHARED:-../shared}
HARNESS=$SHARED/systemd/run-in-systemd.sh
if [ ! -f "$HARNESS" ]; then echo "systemd e2e: $HARNESS not found: skipped"; exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "systemd e2e: needs root: skipped"; exit 0; fi
# `make install` builds the release binaries; built here, so that inside it finds them up to date (what it writes
# inside is thrown away with the overlay).
swift build -c release --product sluice
swift build -c release --product sluiced
swift build -c release --product sluice-agent
# The user's PATH (where swift is), as their shell would have it.
bash "$HARNESS" -- env PATH="$PATH" HOME="${HOME:-/root}" bash .ci/systemd-inside.sh
