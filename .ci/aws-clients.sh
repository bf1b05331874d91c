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
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && [ -x "$venv/bin/aws" ] && cmp -s "$stamp" "$requirements"; then
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
cp "$requirements" "$stamp"
echo "$venv/bin/python"
