#!/usr/bin/env bash
# Replays every committed fuzz corpus file and crash input once (libFuzzer's -runs=0) through the fuzzing build of
# sluice-fuzz, with AddressSanitizer: what `make test` runs. The build is about 70 s cold on two cores, seconds
# when warm; the replay itself about 7 s. SluiceFuzzingTests replays the same files without the sanitizer in
# `swift test`.
exec bash "$(dirname "$0")/fuzz.sh" --replay "$@"
