#!/usr/bin/env bash
# Fuzzes sluice's parsers with libFuzzer: builds sluice-fuzz for fuzzing (.ci/fuzz-build.sh), then runs each
# target for FUZZ_SECONDS (default 60) over its committed corpus (Fuzz/corpus/TARGET, read only) and a scratch
# corpus under .build/fuzz-work/TARGET that collects what the fuzzer finds new. A crash, a hang (-timeout) or a
# memory blowup (-rss_limit_mb) leaves its input under .build/fuzz-work/TARGET/artifacts and makes the run fail;
# minimize it (sluice-fuzz -minimize_crash=1), commit it under Fuzz/crashes/TARGET and fix the parser.
#
#   .ci/fuzz.sh [TARGET...]      all targets when none is named; FUZZ_SECONDS, FUZZ_JOBS (parallel targets, 1)
#   .ci/fuzz.sh --replay         every corpus file and crash input once (-runs=0), no fuzzing
#   .ci/fuzz.sh --merge          folds what fuzzing found into Fuzz/corpus/TARGET (-merge=1: the fewest files
#                                that keep every feature), when that stays within FUZZ_CORPUS_FILES (200) and
#                                FUZZ_CORPUS_BYTES (1 MB); commit the result
set -uo pipefail
cd "$(dirname "$0")/.."
binary="$(bash .ci/fuzz-build.sh)" || exit 1
seconds="${FUZZ_SECONDS:-60}"
export SWIFT_BACKTRACE=enable=no   # libFuzzer reports the crash; Swift's backtracer would stall it
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
replay=0
merge=0
if [ "${1:-}" = "--replay" ]; then replay=1; shift; fi
if [ "${1:-}" = "--merge" ]; then merge=1; shift; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(ls Fuzz/corpus); fi
failed=()
for target in "${targets[@]}"; do
    work=".build/fuzz-work/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    dirs=("Fuzz/corpus/$target")
    [ -d "Fuzz/crashes/$target" ] && dirs+=("Fuzz/crashes/$target")
    if [ $merge = 1 ]; then
        merged="$work/merged"
        rm -rf "$merged" && mkdir -p "$merged"
        SLUICE_FUZZ_TARGET="$target" "$binary" -merge=1 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$work/artifacts/" "$merged" "Fuzz/corpus/$target" "$work/corpus" >"$work/merge.log" 2>&1
        files=$(find "$merged" -type f | wc -l)
        bytes=$(find "$merged" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
        if [ "$files" -gt 0 ] && [ "$files" -le "${FUZZ_CORPUS_FILES:-200}" ] \
            && [ "$bytes" -le "${FUZZ_CORPUS_BYTES:-1048576}" ]; then
            rm -rf "Fuzz/corpus/$target" && mkdir -p "Fuzz/corpus/$target" && cp "$merged"/* "Fuzz/corpus/$target/"
            echo "fuzz: $target corpus merged: $files files, $bytes bytes"
        else
            echo "fuzz: $target corpus kept: the merge has $files files, $bytes bytes"
        fi
        continue
    fi
    if [ $replay = 1 ]; then
        # -runs=0 over folders: each file executed once; a crash or timeout fails.
        SLUICE_FUZZ_TARGET="$target" "$binary" -runs=0 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$work/artifacts/" "${dirs[@]}" >"$work/replay.log" 2>&1
    else
        SLUICE_FUZZ_TARGET="$target" "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
            "$work/corpus" "${dirs[@]}" >"$work/fuzz.log" 2>&1
    fi
    status=$?
    log="$work/$([ $replay = 1 ] && echo replay || echo fuzz).log"
    execs="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
    if [ $status -ne 0 ]; then
        failed+=("$target")
        echo "fuzz: $target FAILED (exit $status; $log; inputs in $work/artifacts)"
        grep -m3 -E 'ERROR|Fatal error|deadly|timeout|out-of-memory' "$log" | sed 's/^/    /'
    else
        echo "fuzz: $target ok ${cov:+($cov${execs:+, $execs exec/s})}"
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}"
    exit 1
fi
