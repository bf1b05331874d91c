#!/bin/sh
# A `process` function in one line: the payload arrives on stdin, the result is the JSON printed on stdout.
read -r payload; printf '{"greeting":"hello from %s","payload":%s}\n' "$(hostname)" "${payload:-null}"
