#!/usr/bin/env bash
# test.sh: runs every test. Installs what is missing, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and warnings as errors,
# runs ctest: unit, e2e, http and quality tests, among them the relevance
# cases of ../shared/eval (T050) and the entity and repair measures.
# Then runs each libFuzzer target of tests/fuzz for COTE_FUZZ_SECONDS (30;
# 0 skips) with clang (scripts/fuzz.sh).
# Environment: BUILD_DIR (default build-asan), COTE_SANITIZE (default
# address,undefined; empty for a plain build), COTE_FUZZ_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
cote_install_deps $COTE_BUILD_DEPS $COTE_TEST_DEPS

BUILD_DIR=${BUILD_DIR:-build-asan}
SANITIZE=${COTE_SANITIZE-address,undefined}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DCOTE_WERROR=ON -DCOTE_SANITIZE="$SANITIZE" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"
fuzz_secs=${COTE_FUZZ_SECONDS:-30}
if [ "$fuzz_secs" != 0 ]; then
    BUILD_DIR=build-fuzz scripts/fuzz.sh "$fuzz_secs"
fi
