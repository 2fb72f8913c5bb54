#!/usr/bin/env bash
# T200: the web pages in headless Chromium (tests/browser/page.test.mjs).
# Skips (77) without /usr/bin/chromium or node; installs playwright-core from
# the committed package-lock.json into tests/browser/node_modules when
# missing; indexes corpus/ and runs the test, which starts `cote serve`.
#
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
set -euo pipefail
: "${COTE:?COTE must name the cote binary}"
: "${COTE_SOURCE_DIR:?}"
: "${COTE_TEST_TMP:?}"
HERE=$(cd "${BASH_SOURCE[0]%/*}" && pwd)

if [ ! -x /usr/bin/chromium ]; then
    echo "skip: /usr/bin/chromium is not installed (apt-get install chromium)"
    exit 77
fi
if ! command -v node >/dev/null 2>&1; then
    echo "skip: node is not installed"
    exit 77
fi
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "skip: npm is not installed (needed once for playwright-core)"
        exit 77
    fi
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
fi

TMP=$COTE_TEST_TMP
rm -rf "$TMP"
mkdir -p "$TMP"
ART=${COTE_BROWSER_ARTIFACTS:-$(cd "$TMP/../.." && pwd)/browser-artifacts}
rm -rf "$ART"
mkdir -p "$ART"

if ! "$COTE" index --db "$TMP/db" "$COTE_SOURCE_DIR/corpus" >"$TMP/index.out" 2>"$TMP/index.err"; then
    echo "not ok - index the corpus: $(head -c 400 "$TMP/index.err")"
    exit 1
fi
echo "ok - index the corpus"
COTE_DB=$TMP/db COTE_BROWSER_ARTIFACTS=$ART timeout 300 node "$HERE/page.test.mjs"
