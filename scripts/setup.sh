#!/usr/bin/env bash
# setup.sh: the main job on a fresh Debian 12 machine: install what is
# missing, build, index corpus/ into an embedded Xapian index (var/index) and
# serve the search page on http://127.0.0.1:8080 until Ctrl-C.
# Environment: COTE_DB (index path, default var/index), COTE_LISTEN
# (default 127.0.0.1:8080), BUILD_DIR (default build).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
cote_install_deps $COTE_BUILD_DEPS

BUILD_DIR=${BUILD_DIR:-build}
DB=${COTE_DB:-var/index}
LISTEN=${COTE_LISTEN:-127.0.0.1:8080}

cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
"$BUILD_DIR/cote" index --db "$DB" corpus/
echo "cote: open http://$LISTEN/ (Ctrl-C stops the server)" >&2
exec "$BUILD_DIR/cote" serve --db "$DB" --listen "$LISTEN"
