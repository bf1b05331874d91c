#!/usr/bin/env bash
# The test suites under AddressSanitizer or ThreadSanitizer: `.ci/sanitize.sh address|thread [swift test args]`.
# Each sanitizer builds into a scratch path of its own (.build/asan, .build/tsan), so the normal .build/debug stays;
# the tests that start sluiced, sluice or sluice-agent start the sanitized ones beside the test binary
# (SluiceTool.buildFolder). SLUICE_SANITIZER tells the few tests with limits set for an unsanitized build.
# What runs, what is left out and why: the Makefile's sanitize target. Suppressions (third-party code only):
# .ci/sanitizers/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
sanitizer="${1:?usage: sanitize.sh address|thread [swift test arguments]}"
shift
case "$sanitizer" in
    address) scratch=.build/asan ;;
    thread) scratch=.build/tsan ;;
    *) echo "sanitize: no sanitizer '$sanitizer' (address or thread)" >&2; exit 2 ;;
esac
# The packages are already checked out for the normal build; reuse them instead of fetching again.
if [ ! -d "$scratch/checkouts" ] && [ -d .build/checkouts ]; then
    mkdir -p "$scratch"
    cp -a .build/checkouts .build/repositories .build/workspace-state.json "$scratch/" 2>/dev/null || true
fi
flags=(--scratch-path "$scratch" --sanitize="$sanitizer" -Xswiftc -warnings-as-errors
    --explicit-target-dependency-import-check error)
here="$PWD/.ci/sanitizers"
# halt_on_error: the first finding fails the run with its report, instead of a later, stranger failure.
# detect_leaks=0: why, the Makefile (options given in ASAN_OPTIONS come after these, and win).
# log_path: every sanitized process's report in a file of its own (the sluiced and sluice the tests start write
# their stderr into temporary roots that are then removed); printed below, and any report fails the run.
reports="$PWD/$scratch/reports"
rm -rf "$reports"
mkdir -p "$reports"
# detect_stack_use_after_return=0: with it on (the default since LLVM 15) a local whose address is taken lives in a
# fake frame off the thread's stack, and the JSONata evaluator and regex engine measure the stack they have used by
# such a local's address (Evaluator.stackAddress): their guard never fires and a deep recursion overflows the
# 512 KiB stack of a concurrency-pool thread (LimitTests.infiniteRecursionHitsTheDepthLimit) instead of ending in
# U1001.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0:detect_stack_use_after_return=0:log_path=$reports/asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$here/tsan.supp:log_path=$reports/tsan${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export SLUICE_SANITIZER="$sanitizer"
if [ "$sanitizer" = thread ]; then
    # Synchronization.Mutex's contended paths, made visible to TSan (why: the file's comment).
    toolchain="$(dirname "$(dirname "$(command -v swiftc)")")"
    mkdir -p "$scratch"
    "$toolchain/bin/clang" -shared -fPIC -O1 -o "$scratch/mutex-tsan.so" .ci/sanitizers/mutex-tsan.c -ldl
    preload="$PWD/$scratch/mutex-tsan.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
start=$(date +%s)
"$swift" build --build-tests "${flags[@]}"
built=$(date +%s)
status=0
LD_PRELOAD="${preload:-${LD_PRELOAD:-}}" "$swift" test --skip-build "${flags[@]}" "$@" || status=$?
echo "sanitize ($sanitizer): build $((built - start)) s, tests $(($(date +%s) - built)) s"
for report in "$reports"/*; do
    [ -e "$report" ] || continue
    echo "== $report"
    cat "$report"
    status=1
done
exit "$status"
