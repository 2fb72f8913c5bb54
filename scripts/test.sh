#!/usr/bin/env bash
# test.sh: runs every test. Installs what is missing, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer and warnings as errors,
# runs ctest (unit, e2e, http), then the relevance evaluation of
# ../shared/eval when it is there.
# Environment: BUILD_DIR (default build-asan), COTE_SANITIZE (default
# address,undefined; empty for a plain build).
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
# Relevance evaluation: printed, not yet a gate (the entities work makes it one).
# It runs before ctest so that ctest's summary closes the output.
EVAL=../shared/eval
if [ -f "$EVAL/run-eval.py" ]; then
    db=$BUILD_DIR/eval-index
    rm -rf "$db"
    "$BUILD_DIR/cote" index --db "$db" corpus/ 2>/dev/null
    echo "cote: relevance evaluation ($EVAL/queries.tsv):"
    python3 "$EVAL/run-eval.py" --cote "$BUILD_DIR/cote" --db "$db" "$EVAL/queries.tsv" || true
fi

# ctest last: its summary is the run's closing line.
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)"

