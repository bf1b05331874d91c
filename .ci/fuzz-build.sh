#!/usr/bin/env bash
# Builds sluice-fuzz for fuzzing into .build/fuzz: AddressSanitizer, SanitizerCoverage (the counters and comparison
# traces libFuzzer steers by) and libFuzzer's runtime without its main, since sluice-fuzz's main picks the target
# and then calls LLVMFuzzerRunDriver. swiftc's own -sanitize=fuzzer links the runtime with a main of its own, which
# clashes with any executable target's. A separate scratch path keeps these objects out of the normal build.
# Prints the binary's path.
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
toolchain="$(dirname "$(dirname "$(command -v swiftc)")")"
runtime="$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)"
if [ -z "$runtime" ]; then
    echo "fuzz-build: no libclang_rt.fuzzer_no_main under $toolchain/lib/clang: this toolchain has no libFuzzer" >&2
    exit 1
fi
scratch=.build/fuzz
# The packages are already checked out for the normal build; reuse them instead of fetching again.
if [ ! -d "$scratch/checkouts" ] && [ -d .build/checkouts ]; then
    mkdir -p "$scratch"
    cp -a .build/checkouts .build/repositories .build/workspace-state.json "$scratch/" 2>/dev/null || true
fi
"$swift" build --scratch-path "$scratch" --product sluice-fuzz \
    -Xswiftc -sanitize=address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    -Xswiftc -DSLUICE_LIBFUZZER \
    -Xlinker "$runtime" -Xlinker -lstdc++ >&2
echo "$scratch/debug/sluice-fuzz"
