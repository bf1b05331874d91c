#!/usr/bin/env bash
# The real AWS clients the API tests drive (boto3 and the AWS CLI, pinned in .ci/aws-clients.txt), in a virtual
# environment `make test` owns: .build/aws-clients. Made once and reused while complete (its copy of the pinned list
# matches, written last); prints the environment's python, beside which the tests find `aws`.
#
#   SLUICE_PYTHON="$(bash .ci/aws-clients.sh)" swift test --filter SluiceAPITests
set -euo pipefail
ci="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${SLUICE_AWS_CLIENTS:-$(dirname "$ci")/.build/aws-clients}"
requirements="$ci/aws-clients.txt"
stamp="$venv/.requirements"
# The system's Python where there is one: a venv links to its interpreter, and one under root's home (pyenv) is not
# runnable by the other users the systemd test drives the CLI as.
if [ -n "${PYTHON:-}" ]; then python=$PYTHON; elif [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
wanted="$(cat "$requirements"; echo "# python: $python")"

if [ -x "$venv/bin/python" ] && [ -x "$venv/bin/aws" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    echo "$venv/bin/python"
    exit 0
fi
echo "aws-clients: making $venv from $requirements" >&2
# A half-made environment (an interrupted install) is started again rather than patched.
rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
"$venv/bin/python" -c 'import boto3' >&2
"$venv/bin/aws" --version >&2
printf '%s\n' "$wanted" > "$stamp"
echo "$venv/bin/python"
