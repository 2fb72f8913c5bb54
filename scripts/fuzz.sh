#!/usr/bin/env bash
# fuzz.sh: runs every libFuzzer target of tests/fuzz for SECONDS each
# (default 60) with clang, AddressSanitizer and UndefinedBehaviorSanitizer,
# from the committed seeds (tests/fuzz/seeds/TARGET) plus what earlier runs
# found (build-fuzz/corpus/TARGET). A crash stops that target and leaves
# its input in build-fuzz/crashes/; copy it to tests/fuzz/regressions/TARGET/
# and ctest replays it for ever after (fuzz-replay-TARGET). Prints, per
# target, the executions and the coverage reached; exits 1 if any crashed.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   Environment: BUILD_DIR (build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
# shellcheck disable=SC2086 # a list of package names
cote_install_deps $COTE_BUILD_DEPS clang libclang-rt-14-dev
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query clean entities web_escape web_params analysis)
B=${BUILD_DIR:-build-fuzz}
CC=clang CXX=clang++ cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DCOTE_FUZZ=ON -DCOTE_BUILD_BENCH=OFF \
    -DCOTE_SANITIZE=fuzzer-no-link,address,undefined >/dev/null
cmake --build "$B" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$B/crashes"
failed=0
printf '%-12s %8s %12s %10s %8s  %s\n' target seconds executions exec/s cov result
for t in "${targets[@]}"; do
    mkdir -p "$B/corpus/$t"
    log=$B/fuzz-$t.log
    rc=0
    "$B/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$B/crashes/$t-" "$B/corpus/$t" "tests/fuzz/seeds/$t" >"$log" 2>&1 || rc=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    if [ "$rc" = 0 ]; then result=ok; else result="CRASH (exit $rc): see $log and $B/crashes/"; failed=1; fi
    printf '%-12s %8s %12s %10s %8s  %s\n' "$t" "$secs" "${runs:-?}" \
        "$([ -n "${runs:-}" ] && echo $((runs / secs)) || echo '?')" "${cov:-?}" "$result"
done
exit "$failed"
