# T160: the catalogue of bad inputs (tests/bad-inputs/). Files: each of
# files.tsv gets its outcome from `cote index` (indexed and found, failed
# with its status, skipped), and the run neither blocks nor crashes. HTTP:
# each raw request of http.tsv gets its answer from `cote serve` and the
# server answers /healthz after every one; then a clean SIGTERM (status 0:
# LeakSanitizer found nothing). To add a case, add a line to a catalogue.
#
# Environment from ctest: COTE (the binary), COTE_SOURCE_DIR, COTE_TEST_TMP.
. "$COTE_SOURCE_DIR/tests/http/lib.sh"
HERE=$COTE_SOURCE_DIR/tests/bad-inputs

# --- files ---
if python3 "$HERE/files_check.py" "$COTE" "$HERE/files" "$HERE/files.tsv" "$TMP" >"$TMP/files.tap" 2>&1; then
    ok "files.tsv: every file gets its outcome ($(grep -c '^ok' "$TMP/files.tap") checks)"
else
    fail "files.tsv: every file gets its outcome" "$(grep -A1 '^not ok' "$TMP/files.tap" | head -c 2000)"
fi
sed 's/^/    /' "$TMP/files.tap"
if [ ! -e "$TMP/db/iamglass" ] && [ ! -e "$TMP/db/XAPIANDB" ]; then fail "the files made an index"; finish; exit 1; fi

# --- HTTP, on the index of those files; a 2 s timeout for the stalls ---
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
"$COTE" serve --db "$TMP/db" --listen "127.0.0.1:$PORT" --threads 2 --timeout 2 \
    --access-log "$TMP/access.log" >"$TMP/serve.out" 2>"$TMP/serve.err" &
server_pid=$!
if wait_up; then ok "server answers /healthz"; else
    fail "server answers /healthz within 20 s" "$(head -c 600 "$TMP/serve.err")"
    exit 1
fi
if python3 "$HERE/http_check.py" "$PORT" "$HERE/http.tsv" "$server_pid" >"$TMP/http.tap" 2>&1; then
    ok "http.tsv: every request gets its answer, the server answers on ($(grep -c '^ok' "$TMP/http.tap") cases)"
else
    fail "http.tsv: every request gets its answer" "$(grep -A1 '^not ok' "$TMP/http.tap" | head -c 3000)"
fi
sed 's/^/    /' "$TMP/http.tap"
check "the access log has a line per request" test "$(wc -l <"$TMP/access.log")" -ge 100

stop_gracefully
finish
