#!/bin/sh
# A `process` function in one line: the payload arrives on stdin, the result is the JSON printed on stdout. It says
# where it ran and as whom (functions never run as root: as sluiced's user, sluice, when installed).
read -r payload; printf '{"greeting":"hello from %s as %s (uid %s)","payload":%s}\n' "$(hostname)" "$(id -un)" "$(id -u)" "${payload:-null}"
