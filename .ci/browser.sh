#!/usr/bin/env bash
# The dashboard in headless Chromium (Debian's, installed by make deps) against a real sluiced: the debug build
# make test just made, during and after a 227,000-company run. Screenshots land in .build/screenshots/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shared=${SLUICE_SHARED:-../shared}
if [ ! -x /usr/lib/chromium/chromium ]; then
    echo "browser: Debian's chromium is not installed (make deps installs it as root)" >&2
    exit 1
fi
if [ ! -f "$shared/browser/cdp.py" ]; then
    echo "browser: $shared/browser/cdp.py not found (set SLUICE_SHARED)" >&2
    exit 1
fi
python="$(bash .ci/aws-clients.sh)"  # its prometheus_client parses /metrics
exec "$python" Tests/Browser/dashboard.py --bin .build/debug --shared "$shared" --shots .build/screenshots
